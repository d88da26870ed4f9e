// The "Docs" link of every node and credential in n8n's editor (a credential's `documentationUrl`, a node's
// codex `resources.primaryDocumentation`) opens a page of this repository on GitHub that exists, at a heading
// that exists: links into the README's anchors once led nowhere.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const REPOSITORY = 'https://github.com/n8n-nodes-dunning/n8n-nodes-dunning';
const FILE_PREFIX = `${REPOSITORY}/blob/main/`;

/** The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, each space a hyphen. */
function headingAnchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings, outside fenced code. */
function headingAnchors(file: string): string[] {
	let fenced = false;
	const anchors: string[] = [];
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (line.startsWith('```')) fenced = !fenced;
		const match = fenced ? null : /^#{1,6} (.+)$/.exec(line);
		if (match) anchors.push(headingAnchor(match[1]));
	}
	return anchors;
}

/** What is wrong with a documentation URL, or null when it opens an existing file (and heading). */
function problemOf(url: unknown): string | null {
	if (typeof url !== 'string' || !url.startsWith(FILE_PREFIX)) {
		return `${String(url)}: not a file of ${FILE_PREFIX}`;
	}
	const [file, anchor] = url.slice(FILE_PREFIX.length).split('#');
	const local = path.join(ROOT, file);
	if (!fs.existsSync(local) || !fs.statSync(local).isFile()) return `${url}: no file ${file}`;
	if (anchor !== undefined && !headingAnchors(local).includes(anchor)) {
		return `${url}: no heading #${anchor} in ${file}`;
	}
	return null;
}

const credentialFiles = fs
	.readdirSync(path.join(ROOT, 'credentials'))
	.filter((name) => name.endsWith('.credentials.ts'))
	.map((name) => path.join(ROOT, 'credentials', name));

const codexFiles = fs
	.readdirSync(path.join(ROOT, 'nodes'), { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.flatMap((entry) =>
		fs
			.readdirSync(path.join(ROOT, 'nodes', entry.name))
			.filter((name) => name.endsWith('.node.json'))
			.map((name) => path.join(ROOT, 'nodes', entry.name, name)),
	);

/** The documentation URL of each credential class a credentials file exports. */
function credentialUrls(file: string): Array<[string, unknown]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(file) as Record<string, new () => { documentationUrl?: string }>;
	return Object.entries(exported).map(([name, Credential]) => [
		name,
		new Credential().documentationUrl,
	]);
}

/** The primary documentation URLs of a node's codex file. */
function codexUrls(file: string): unknown[] {
	const codex = JSON.parse(fs.readFileSync(file, 'utf8')) as {
		resources?: { primaryDocumentation?: Array<{ url?: unknown }> };
	};
	return (codex.resources?.primaryDocumentation ?? []).map((resource) => resource.url);
}

describe('the Docs links of the nodes and credentials', () => {
	it('finds every credential and every node codex file', () => {
		expect(credentialFiles.length).toBeGreaterThanOrEqual(6);
		expect(codexFiles.length).toBeGreaterThanOrEqual(13);
	});

	it.each(credentialFiles.map((file) => [path.relative(ROOT, file), file]))(
		'%s: documentationUrl opens an existing file and heading of the repository',
		(_name, file) => {
			const urls = credentialUrls(file);
			expect(urls.length).toBeGreaterThan(0);
			expect(urls.map(([name, url]) => [name, problemOf(url)])).toEqual(
				urls.map(([name]) => [name, null]),
			);
		},
	);

	it.each(codexFiles.map((file) => [path.relative(ROOT, file), file]))(
		'%s: every primaryDocumentation URL opens an existing file and heading of the repository',
		(_name, file) => {
			const urls = codexUrls(file);
			expect(urls.length).toBeGreaterThan(0);
			expect(urls.map(problemOf)).toEqual(urls.map(() => null));
		},
	);

	it('tells a missing file, a missing heading and a README anchor apart', () => {
		expect(problemOf(`${FILE_PREFIX}docs/stripe.md#stripe-dunning`)).toBeNull();
		expect(
			problemOf(`${FILE_PREFIX}docs/quickbooks.md#quickbooks-dunning-resource-invoice`),
		).toBeNull();
		expect(problemOf(`${FILE_PREFIX}docs/nope.md`)).toMatch(/no file/);
		expect(problemOf(`${FILE_PREFIX}docs/stripe.md#nope`)).toMatch(/no heading/);
		expect(problemOf(`${REPOSITORY}#stripe`)).toMatch(/not a file/);
	});
});
