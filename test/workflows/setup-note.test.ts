// Every template says what to set before activating it: one "Before you activate" sticky note listing each node
// and field still holding an example value (an @example.com address, the example SMS number, the placeholder
// sheet) or left empty on purpose (the letter's sender address, refused until set), and workflows/README.md says
// the same. The letter sender ships empty, so no letter leaves with an example address; the demo fills it in.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { withLetterSender, DEMO_LETTER_SENDER } from '../../scripts/demo/sender';
import type { WorkflowJson } from '../../scripts/n8n/instance';
import { templates, WORKFLOWS_DIR, type Template, type TemplateNode } from './graph';

const NOTE = 'Sticky: Before You Activate';
const SENDER_FIELDS = ['senderCompany', 'senderStreet', 'senderPostalCode', 'senderCity'];
const all = templates();
const cases = all.map((template) => [template.file, template] as [string, Template]);
const noteOf = (template: Template) => {
	const notes = template.nodes.filter((node) => node.name === NOTE);
	expect(notes).toHaveLength(1);
	return String(notes[0].parameters.content);
};
const isSticky = (node: TemplateNode) => node.type === 'n8n-nodes-base.stickyNote';
const composersWithLetter = (template: Template) =>
	template.nodes.filter(
		(node) => node.type.endsWith('.reminderComposer') && node.parameters.letterOptions,
	);
const examples = (node: TemplateNode) =>
	JSON.stringify(node.parameters).match(
		/[\w.+-]+@example\.com|REPLACE-WITH-[A-Z-]+|\+33757000000/g,
	) ?? [];

describe('every template: what to set before activating it', () => {
	it.each(cases)(
		'%s: the Before you activate note names every node holding an example value, with the value',
		(_file, template) => {
			const note = noteOf(template);
			const missing: string[] = [];
			for (const node of template.nodes.filter((entry) => !isSticky(entry))) {
				for (const value of examples(node)) {
					if (!note.includes(`*${node.name}*`) || !note.includes(value))
						missing.push(`${node.name}: ${value}`);
				}
			}
			expect(missing).toEqual([]);
		},
	);

	it.each(cases)(
		'%s: the letter sender address ships empty, and the note names each composer that needs it',
		(_file, template) => {
			const note = noteOf(template);
			for (const node of composersWithLetter(template)) {
				const letter = node.parameters.letterOptions as Record<string, unknown>;
				expect([node.name, SENDER_FIELDS.map((field) => letter[field])]).toEqual([
					node.name,
					['', '', '', ''],
				]);
				expect(note).toContain(`*${node.name}* → Letter Options → `);
				expect(note).toMatch(/Sender City/);
			}
		},
	);

	it('workflows/README.md lists every example value of the notes', () => {
		const readme = fs.readFileSync(path.join(WORKFLOWS_DIR, 'README.md'), 'utf8');
		// The section is wrapped at 115 columns: compare its words, not its lines.
		const section = readme.slice(readme.indexOf('## Before you activate')).replace(/\s+/g, ' ');
		for (const template of all)
			for (const node of template.nodes.filter((entry) => !isSticky(entry)))
				for (const value of examples(node)) expect(section).toContain(`\`${value}\``);
		expect(section).toContain(
			'Letter Options → Sender Company Name, Sender Street, Sender Postal Code, Sender City',
		);
	});

	it('the demo fills the letter sender in at import, and only in composers with Letter Options', () => {
		const ladder = all.find((template) => template.file === 'stripe-full-ladder.json')!;
		const filled = withLetterSender(ladder as unknown as WorkflowJson) as unknown as Template;
		const composers = composersWithLetter(filled);
		expect(composers.length).toBeGreaterThan(0);
		for (const node of composers)
			expect(node.parameters.letterOptions).toMatchObject({
				...DEMO_LETTER_SENDER,
				senderCountry: 'FR',
			});
		// The template itself is left as shipped.
		expect(
			composersWithLetter(ladder).map(
				(node) => (node.parameters.letterOptions as Record<string, unknown>).senderCity,
			),
		).toEqual(composers.map(() => ''));
	});
});
