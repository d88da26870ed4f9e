// workflows/README.md against the templates: its table links the canvas screenshot of every template that has
// one in docs/screenshots/ (and only existing ones), and the templates it names as grouping by customer are
// exactly those whose Reminder Composer runs in One Message per Customer mode.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { templates, WORKFLOWS_DIR } from './graph';

const README = fs.readFileSync(path.join(WORKFLOWS_DIR, 'README.md'), 'utf8');
const SCREENSHOTS = path.join(WORKFLOWS_DIR, '..', 'docs', 'screenshots');
const rows = [...README.matchAll(/^\| (\d+) +\| \[`([^`]+)`\].*\| ([^|]*) \|$/gm)].map((match) => ({
	number: Number(match[1]),
	file: match[2],
	screenshot: match[3].trim(),
}));
const all = templates();

describe('workflows/README.md', () => {
	it('has one table row per template', () => {
		expect(rows.map((row) => row.file).sort()).toEqual(all.map((template) => template.file).sort());
	});

	it.each(rows.map((row) => [row.file, row] as [string, (typeof rows)[number]]))(
		'%s: the screenshot column links its canvas when docs/screenshots has it, else says —',
		(_file, row) => {
			const template = all.find((entry) => entry.file === row.file)!;
			const id = String((template as unknown as { id: string }).id);
			const png = `workflow-${id}.png`;
			const exists = fs.existsSync(path.join(SCREENSHOTS, png));
			expect(row.screenshot).toBe(exists ? `[canvas](../docs/screenshots/${png})` : '—');
		},
	);

	it('names as grouped by customer exactly the templates whose composer runs One Message per Customer', () => {
		const bullet = README.slice(README.indexOf('*One Message per Customer* mode in templates'));
		const named = (/mode in templates ([\d,\sand]+):/.exec(bullet.replace(/\s+/g, ' '))?.[1] ?? '')
			.split(/,|and/)
			.map((entry) => Number(entry.trim()))
			.filter((entry) => entry > 0);
		const grouped = all
			.filter((template) =>
				template.nodes.some(
					(node) =>
						node.type === 'n8n-nodes-dunning.reminderComposer' &&
						node.parameters.mode === 'customer',
				),
			)
			.map((template) => rows.find((row) => row.file === template.file)!.number);
		expect(named.sort((a, b) => a - b)).toEqual(grouped.sort((a, b) => a - b));
	});
});
