// The node follows the package's conventions (CONTRIBUTING.md): registered, codex, icons, tool use, one
// Operation field with an action label.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { LatePaymentPenalty } from '../../../nodes/LatePaymentPenalty/LatePaymentPenalty.node';

const root = join(__dirname, '..', '..', '..');
const folder = join(root, 'nodes', 'LatePaymentPenalty');

describe('Late Payment Penalty: description', () => {
	const { description } = new LatePaymentPenalty();

	it('is a tool-usable transform node with a subtitle, light and dark icons and one output', () => {
		expect(description).toMatchObject({
			displayName: 'Late Payment Penalty',
			name: 'latePaymentPenalty',
			usableAsTool: true,
			subtitle: expect.any(String),
			icon: { light: 'file:latePaymentPenalty.svg', dark: 'file:latePaymentPenalty.dark.svg' },
			outputs: ['main'],
		});
		expect(existsSync(join(folder, 'latePaymentPenalty.svg'))).toBe(true);
		expect(existsSync(join(folder, 'latePaymentPenalty.dark.svg'))).toBe(true);
	});

	it('has one Operation field whose option carries an action label', () => {
		const operations = description.properties.filter((property) => property.name === 'operation');
		expect(operations).toHaveLength(1);
		expect(operations[0].options).toEqual([
			expect.objectContaining({ value: 'calculate', action: 'Calculate late payment penalty' }),
		]);
	});

	it('offers every rule of the core', () => {
		const rule = description.properties.find((property) => property.name === 'rule');
		const values = (rule?.options as Array<{ value: string }>).map((option) => option.value);
		expect(values.sort()).toEqual(['DE', 'EU', 'FR', 'UK', 'custom']);
	});

	it('has a codex in Finance & Accounting pointing at its docs page, and is registered', () => {
		const codex = JSON.parse(readFileSync(join(folder, 'LatePaymentPenalty.node.json'), 'utf8'));
		expect(codex).toMatchObject({
			node: 'n8n-nodes-dunning.latePaymentPenalty',
			categories: ['Finance & Accounting'],
			resources: {
				primaryDocumentation: [
					{
						url: 'https://github.com/n8n-nodes-dunning/n8n-nodes-dunning/blob/main/docs/nodes/late-payment-penalty.md',
					},
				],
			},
		});
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(manifest.n8n.nodes).toContain(
			'dist/nodes/LatePaymentPenalty/LatePaymentPenalty.node.js',
		);
	});
});
