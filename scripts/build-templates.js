#!/usr/bin/env node
// Builds the built-in reminder templates into nodes/shared/composer/generated/templates.ts:
// for each language and tone, `<tone>.subject.txt` and `<tone>.text.txt` (Handlebars; .txt keeps Prettier off them) as they are, and `<tone>.mjml`
// put into `templates/layout.mjml` and compiled by MJML to email HTML with the Handlebars placeholders
// left intact. MJML and Prettier run here only; the package carries the resulting plain templates.
// Each part is also parsed here by Handlebars' parser and its syntax tree stored, trimmed to what the
// evaluator reads, in generated/programs.ts: at run time built-ins are never parsed (issue 4), only custom
// templates are. The trees are JSON data, read with JSON.parse; nothing is compiled to code.
// The per-customer message of each language (`customer.*`, DESIGN.md 5b) is built the same way, with its
// own footer (`_footer_customer.mjml`), since the single-invoice footer names one invoice.
// The generated modules are build outputs, not in git (.gitignore): the build (gulpfile.js), the tests (jest's
// globalSetup), `npm run typecheck` and `npm run lint` write them first.
//   node scripts/build-templates.js             write the generated modules
//   node scripts/build-templates.js --if-stale  the same, unless both are newer than every input (a no-op
//                                               in ~50 ms, so every jest run can call it)
//   node scripts/build-templates.js --check     exit 1 if a generated module is missing or stale
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const sourceDir = path.join(root, 'nodes/shared/composer/templates');
const outFile = path.join(root, 'nodes/shared/composer/generated/templates.ts');
const programsFile = path.join(root, 'nodes/shared/composer/generated/programs.ts');

/** What the output depends on: the sources, this script, the Prettier settings and the locked MJML version. */
function inputFiles(dir = sourceDir) {
	const files = fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? inputFiles(full) : [full];
	});
	if (dir !== sourceDir) return files;
	return [
		...files,
		__filename,
		path.join(root, '.prettierrc.js'),
		path.join(root, 'package-lock.json'),
	];
}

function outputsAreFresh() {
	if (![outFile, programsFile].every((file) => fs.existsSync(file))) return false;
	const oldestOutput = Math.min(
		...[outFile, programsFile].map((file) => fs.statSync(file).mtimeMs),
	);
	return inputFiles()
		.filter((file) => fs.existsSync(file))
		.every((file) => fs.statSync(file).mtimeMs <= oldestOutput);
}

if (process.argv.includes('--if-stale') && outputsAreFresh()) process.exit(0);

const mjml2html = require('mjml');
const prettier = require('prettier');
const { parse } = require('handlebars/dist/cjs/handlebars/compiler/base');
const TONES = ['notice', 'friendly', 'reminder', 'firm', 'formal_notice', 'internal', 'thanks'];
/** Template names per language: one per tone, and the per-customer message (all tones in one). */
const NAMES = [...TONES, 'customer'];

/**
 * The syntax tree without what the evaluator never reads: end positions, the source text of each
 * position, strip flags other than the raw-block marker, and content before whitespace control.
 */
function trimTree(node) {
	if (Array.isArray(node)) return node.map(trimTree);
	if (typeof node !== 'object' || node === null) return node;
	const out = {};
	for (const [key, value] of Object.entries(node)) {
		if (value === undefined) continue;
		if (key === 'loc') {
			// Error messages name the line only, and only expressions and blocks can fail.
			if (value && !['ContentStatement', 'Program', 'CommentStatement'].includes(node.type)) {
				out.loc = { start: { line: value.start.line } };
			}
		} else if (key === 'openStrip') {
			out.openStrip = value.open === undefined ? {} : { open: value.open };
		} else if (['strip', 'closeStrip', 'inverseStrip', 'chained'].includes(key)) {
			continue;
		} else if (key === 'original' && node.type === 'ContentStatement') {
			continue;
		} else {
			out[key] = trimTree(value);
		}
	}
	return out;
}

function read(file) {
	return fs.readFileSync(file, 'utf8');
}

/** Drops the indentation and blank lines MJML leaves: the HTML is a third of the size, same rendering. */
function compact(html) {
	return html
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.join('\n');
}

/**
 * Characters above U+00FF (’, €, the narrow no-break space…) as numeric character references: the email
 * renders the same, and V8 then holds every rendered HTML string one byte per character instead of two,
 * half the memory of each reminder an n8n execution keeps. {{Mustaches}} stay as they are: what they print
 * goes through escapeHtml, which does the same at run time. Refused inside <style> (raw text, where
 * references are not decoded).
 */
function oneByte(html, name) {
	const style = (html.match(/<style[\s\S]*?<\/style>/g) ?? []).find((block) =>
		/[^\u0000-\u00ff]/u.test(block),
	);
	if (style)
		throw new Error(`${name}: a character above U+00FF in a <style> block: ${style.slice(0, 80)}`);
	return html
		.split(/({{[\s\S]*?}})/)
		.map((part, index) =>
			index % 2 === 1
				? part
				: part.replace(/[^\u0000-\u00ff]/gu, (char) => `&#${char.codePointAt(0)};`),
		)
		.join('');
}

async function compileHtml(language, tone) {
	const toneFile = path.join(sourceDir, language, `${tone}.mjml`);
	let source = read(path.join(sourceDir, 'layout.mjml'))
		.replace('%LANG%', language)
		.replace('<!-- content -->', read(toneFile));
	if (tone === 'customer') {
		source = source.replace('./_footer.mjml', './_footer_customer.mjml');
	}
	const result = await mjml2html(source, {
		filePath: toneFile,
		validationLevel: 'strict',
		// MJML 5 ignores includes unless asked, and then only below includePath.
		ignoreIncludes: false,
		includePath: sourceDir,
	});
	if (result.errors && result.errors.length > 0) {
		const messages = result.errors.map((error) => error.formattedMessage || error.message);
		throw new Error(`${language}/${tone}.mjml: ${messages.join('; ')}`);
	}
	const html = oneByte(compact(result.html), `${language}/${tone}`);
	// No external resources: an email must render the same offline and leak no opening to a third party.
	const external = /<link\b|@import|\bsrc\s*=\s*["']?https?:/i.exec(html);
	if (external)
		throw new Error(`${language}/${tone}: external resource in the HTML (${external[0]})`);
	return html;
}

async function buildTable() {
	const languages = fs
		.readdirSync(sourceDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
	const table = {};
	const programs = {};
	for (const language of languages) {
		for (const tone of NAMES) {
			const entry = {
				subject: read(path.join(sourceDir, language, `${tone}.subject.txt`)).trim(),
				text: read(path.join(sourceDir, language, `${tone}.text.txt`)),
				html: await compileHtml(language, tone),
			};
			const trees = {};
			for (const [part, template] of Object.entries(entry)) {
				try {
					trees[part] = trimTree(parse(template));
				} catch (error) {
					throw new Error(`${language}/${tone} ${part}: ${error.message}`);
				}
			}
			table[`${language}/${tone}`] = entry;
			programs[`${language}/${tone}`] = trees;
		}
	}
	return { table, programs };
}

/**
 * One line per template: the trees as a JSON string, read with JSON.parse on first use of that template
 * (faster to load than an object literal of this size, kept out of the type checker, and languages a
 * workflow never uses are never read).
 */
function renderPrograms(programs) {
	const lines = Object.entries(programs).map(
		([key, trees]) => `\t${JSON.stringify(key)}: ${JSON.stringify(JSON.stringify(trees))},`,
	);
	return [
		'// Generated by `node scripts/build-templates.js` from nodes/shared/composer/templates/: do not edit.',
		'// The syntax trees of the built-in templates, parsed at build time, as JSON (see builtin.ts).',
		'',
		'// prettier-ignore',
		'export const BUILTIN_PROGRAM_JSON: Readonly<Record<string, string>> = {',
		...lines,
		'};',
		'',
	].join('\n');
}

async function render(table) {
	const body = [
		'// Generated by `node scripts/build-templates.js` from nodes/shared/composer/templates/: do not edit.',
		"import type { BuiltinTemplate } from '../types';",
		'',
		`export const BUILTIN_TEMPLATES: Readonly<Record<string, BuiltinTemplate>> = ${JSON.stringify(table, null, '\t')};`,
		'',
	].join('\n');
	const options = (await prettier.resolveConfig(outFile)) || {};
	return prettier.format(body, { ...options, filepath: outFile });
}

async function main() {
	const { table, programs } = await buildTable();
	const outputs = [
		[outFile, await render(table)],
		[programsFile, renderPrograms(programs)],
	];
	const check = process.argv.includes('--check');
	for (const [file, generated] of outputs) {
		const relative = path.relative(root, file);
		if (check) {
			const current = fs.existsSync(file) ? read(file) : '';
			if (current !== generated) {
				console.error(`${relative} is stale: run node scripts/build-templates.js`);
				process.exitCode = 1;
			} else {
				console.log(`${relative} is up to date.`);
			}
			continue;
		}
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, generated);
		console.log(`Wrote ${relative}.`);
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
