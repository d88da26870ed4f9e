import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layering CONTRIBUTING.md describes, checked on the import statements themselves:
 * - the core (everything reachable from nodes/shared/index.ts) imports no n8n package;
 * - a node folder imports no other node folder (what two nodes share lives in nodes/common or nodes/services);
 * - nodes/common and nodes/services import no node folder;
 * - outside the core, code imports the core only through nodes/shared/internal.ts, and no core module
 *   (the pure service files included) imports that entry back.
 */
const ROOT = resolve(__dirname, '../..');
const NODES = join(ROOT, 'nodes');
const LAYERS = new Set(['shared', 'common', 'services']);

function sourceFiles(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers: string[] = [];
	for (const match of text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
		specifiers.push(match[1]);
	}
	return specifiers;
}

function resolveLocal(from: string, specifier: string): string | null {
	if (!specifier.startsWith('.')) return null;
	const base = resolve(dirname(from), specifier);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/** The top folder under nodes/ a file belongs to: `StripeDunning`, `shared`, `services`… */
const INTERNAL = join(NODES, 'shared/internal.ts');

/**
 * The modules of the core: every file under nodes/shared (some, like the letter PDF, are bundled on their own)
 * and all that nodes/shared/internal.ts reaches (the pure service files included).
 */
function coreModules(): Set<string> {
	const seen = new Set<string>();
	const queue = [INTERNAL, ...sourceFiles(join(NODES, 'shared'))];
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		for (const specifier of importsOf(file)) {
			const target = resolveLocal(file, specifier);
			if (target?.endsWith('.ts')) queue.push(target);
		}
	}
	return seen;
}

function topFolder(file: string): string {
	return relative(NODES, file).split('/')[0];
}

describe('layers of nodes/', () => {
	it('the core entry and every module it reaches import no n8n package', () => {
		const seen = new Set<string>();
		const offenders: string[] = [];
		const queue = [join(NODES, 'shared/index.ts')];
		while (queue.length) {
			const file = queue.pop()!;
			if (seen.has(file)) continue;
			seen.add(file);
			for (const specifier of importsOf(file)) {
				if (/^(n8n-workflow|n8n-core|@n8n\/)/.test(specifier)) {
					offenders.push(`${relative(ROOT, file)} imports ${specifier}`);
				}
				const target = resolveLocal(file, specifier);
				if (target?.endsWith('.ts')) queue.push(target);
			}
		}
		expect(seen.size).toBeGreaterThan(20);
		expect(offenders).toEqual([]);
	});

	it('no node folder imports another node folder, and nodes/common and nodes/services import none', () => {
		const offenders: string[] = [];
		for (const file of sourceFiles(NODES)) {
			const own = topFolder(file);
			for (const specifier of importsOf(file)) {
				const target = resolveLocal(file, specifier);
				if (target === null || !target.startsWith(NODES)) continue;
				const other = topFolder(target);
				if (other === own || LAYERS.has(other)) continue;
				offenders.push(`${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
			}
		}
		expect(offenders).toEqual([]);
	});

	it('the core imports nothing from nodes/common or a node folder', () => {
		const offenders: string[] = [];
		for (const file of sourceFiles(join(NODES, 'shared'))) {
			for (const specifier of importsOf(file)) {
				const target = resolveLocal(file, specifier);
				if (target === null) continue;
				const other = topFolder(target);
				if (other === 'shared' || other === 'services') continue;
				offenders.push(`${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
			}
		}
		expect(offenders).toEqual([]);
	});

	it('code outside the core reaches it only through nodes/shared/internal.ts, so the build bundles the core once', () => {
		const core = coreModules();
		const offenders: string[] = [];
		for (const file of sourceFiles(NODES)) {
			if (core.has(file)) continue;
			for (const specifier of importsOf(file)) {
				const target = resolveLocal(file, specifier);
				if (target === null || !core.has(target) || target === INTERNAL) continue;
				offenders.push(`${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
			}
		}
		expect(offenders).toEqual([]);
	});

	it('no module of the core imports the core entries back (a cycle would leave names undefined at load)', () => {
		const offenders: string[] = [];
		for (const file of coreModules()) {
			if (file === join(NODES, 'shared/index.ts')) continue; // the public entry re-exports internal.ts
			for (const specifier of importsOf(file)) {
				const target = resolveLocal(file, specifier);
				if (target === INTERNAL || target === join(NODES, 'shared/index.ts')) {
					offenders.push(`${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
				}
			}
		}
		expect(offenders).toEqual([]);
	});

	it('no shipped module loads a package with import(): n8n resolves a community package’s peers for require only', () => {
		// The bundle keeps `import('n8n-workflow')` as an ES import, which finds no n8n-workflow beside the
		// package in n8n (seen as "Cannot find package 'n8n-workflow'" in the real-n8n tests).
		const offenders = [...sourceFiles(NODES), ...sourceFiles(join(ROOT, 'credentials'))]
			.filter((file) => /\bimport\(\s*['"][^'".]/.test(readFileSync(file, 'utf8')))
			.map((file) => relative(ROOT, file));
		expect(offenders).toEqual([]);
	});
});
