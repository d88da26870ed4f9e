import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CustomerReply } from '../../../nodes/CustomerReply/CustomerReply.node';

const root = join(__dirname, '..', '..', '..');
const folder = join(root, 'nodes', 'CustomerReply');

describe('Customer Reply node description', () => {
	const { description } = new CustomerReply();

	it('is customerReply with the Classify operation and five named outputs, Ignored last', () => {
		expect(description.name).toBe('customerReply');
		expect(description.displayName).toBe('Customer Reply');
		const operation = description.properties.find((property) => property.name === 'operation');
		expect(operation?.options).toEqual([expect.objectContaining({ value: 'classify' })]);
		expect(description.outputNames).toEqual([
			'Promise',
			'Dispute',
			'Payment Claimed',
			'Needs a Person',
			'Ignored',
		]);
		expect(description.outputs).toHaveLength(5);
	});

	it('ships light and dark icons, a Finance & Accounting codex and an entry in package.json', () => {
		expect(existsSync(join(folder, 'customerReply.svg'))).toBe(true);
		expect(existsSync(join(folder, 'customerReply.dark.svg'))).toBe(true);
		const codex = JSON.parse(readFileSync(join(folder, 'CustomerReply.node.json'), 'utf8'));
		expect(codex).toMatchObject({
			node: 'n8n-nodes-dunning.customerReply',
			categories: ['Finance & Accounting'],
		});
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(manifest.n8n.nodes).toContain('dist/nodes/CustomerReply/CustomerReply.node.js');
		expect(manifest.scripts['replies:accuracy']).toBe('node scripts/replies-accuracy.js');
	});

	it('shows every Classify parameter only for the Classify operation', () => {
		for (const property of description.properties.filter((p) => p.name !== 'operation')) {
			expect(property.displayOptions?.show?.operation).toEqual(['classify']);
		}
	});
});
