import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

/**
 * The engine-driven cases of a node are `*.cases.ts` modules, run by the one `*.test.ts` of their folder
 * (test/helpers/README.md). Jest only runs what a test file imports, and hooks of a module land in the
 * importing file: so each cases module must be imported by a test file of its folder, exactly once, and keep
 * its tests and hooks inside its one describe block.
 */
const TEST = resolve(__dirname, '..');

function filesUnder(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

const files = filesUnder(TEST);
const casesModules = files.filter((file) => file.endsWith('.cases.ts'));

/** The `./x.cases` modules a test file imports, as absolute paths. */
function casesImportedBy(testFile: string): string[] {
	const text = readFileSync(testFile, 'utf8');
	return [...text.matchAll(/^import '(\.\/[^']+\.cases)';$/gm)].map((match) =>
		resolve(dirname(testFile), `${match[1]}.ts`),
	);
}

/** Top-level lines that are not an import, a comment, or the opening or closing of the one describe. */
function strayTopLevelLines(file: string): string[] {
	const lines = readFileSync(file, 'utf8').split('\n');
	let describes = 0;
	const stray: string[] = [];
	let inImport = false;
	for (const line of lines) {
		if (inImport) {
			inImport = !/;\s*$/.test(line);
			continue;
		}
		if (/^import\b/.test(line)) {
			inImport = !/;\s*$/.test(line);
			continue;
		}
		if (line === '' || /^\s/.test(line) || /^(\/\/|\/\*)/.test(line) || line === '});') continue;
		if (/^describe\(/.test(line) && ++describes === 1) continue;
		stray.push(line);
	}
	return stray;
}

describe('test layout: *.cases.ts modules', () => {
	it('finds the cases modules of the node folders and of test/reliability', () => {
		const folders = new Set(casesModules.map((file) => relative(TEST, dirname(file))));
		expect(folders).toContain('nodes/StripeDunning');
		expect(folders).toContain('reliability');
	});

	it('imports every cases module exactly once, from a test file of its own folder', () => {
		const importers = new Map<string, string[]>();
		for (const file of files.filter((path) => path.endsWith('.test.ts'))) {
			for (const module of casesImportedBy(file)) {
				importers.set(module, [...(importers.get(module) ?? []), relative(TEST, file)]);
			}
		}
		const wrong = casesModules.flatMap((module) => {
			const by = importers.get(module) ?? [];
			const here = by.filter((file) => dirname(join(TEST, file)) === dirname(module));
			return by.length === 1 && here.length === 1
				? []
				: [`${relative(TEST, module)}: ${by.length} importers`];
		});
		expect(wrong).toEqual([]);
	});

	it('keeps every test and hook of a cases module inside its one describe block', () => {
		const stray = casesModules.flatMap((module) =>
			strayTopLevelLines(module).map((line) => `${basename(module)}: ${line}`),
		);
		expect(stray).toEqual([]);
	});
});
