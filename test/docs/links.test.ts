// Every relative link of the project's Markdown resolves (a file that exists, a heading that exists), so the
// README and docs/ read on GitHub without dead ends (issue 23). External links are not fetched.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', 'coverage', '.git', '.artifacts']);

function markdownFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (SKIP.has(entry.name)) return [];
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return markdownFiles(full);
		return entry.name.endsWith('.md') ? [full] : [];
	});
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(file: string): Set<string> {
	const anchors = new Set<string>();
	let inCode = false;
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (line.startsWith('```')) inCode = !inCode;
		const heading = !inCode && /^#{1,6} (.*)$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		anchors.add(slug);
	}
	return anchors;
}

function linksOf(file: string): string[] {
	const text = fs
		.readFileSync(file, 'utf8')
		.replace(/```[\s\S]*?```/g, '')
		.replace(/`[^`\n]*`/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
}

const files = markdownFiles(ROOT);

describe('links between the Markdown files of the repository', () => {
	it('finds the README, CONTRIBUTING and the docs folder', () => {
		const names = files.map((file) => path.relative(ROOT, file));
		expect(names).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md']));
		expect(names.some((name) => name.startsWith('docs/'))).toBe(true);
	});

	it.each(files.map((file) => [path.relative(ROOT, file), file]))(
		'every relative link of %s points at an existing file and heading',
		(_name, file) => {
			const broken: string[] = [];
			for (const link of linksOf(file)) {
				if (/^[a-z]+:/i.test(link)) continue; // http(s), mailto: not fetched
				const [target, anchor] = link.split('#');
				const resolved = target ? path.resolve(path.dirname(file), target) : file;
				if (!fs.existsSync(resolved)) {
					broken.push(`${link} (no such file)`);
					continue;
				}
				if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
					broken.push(`${link} (no such heading)`);
				}
			}
			expect(broken).toEqual([]);
		},
	);

	it('the README stays under 20 KB (deep material lives in docs/)', () => {
		expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThanOrEqual(20 * 1024);
	});
});
