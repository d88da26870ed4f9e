// Our nodes in the real n8n 2.41.1 editor, driven in headless Chromium (Debian's `chromium` through
// playwright-core): each node of package.json `n8n.nodes` is found in the node creator by its display name,
// each template of workflows/*.json (plus a built workflow holding the nodes no template uses) opens with
// every node known, and each of our nodes' parameter panels opens without a parameter issue. A missing
// credential is expected (templates reference credentials by name only) and is only recorded.
// Screenshots (outside git): .artifacts/screenshots/workflow-<id>.png (canvas), workflow-<id>--<node>.png
// (panels), node-creator--<node>.png, and editor-index.json listing them with what was found.
// Runs with N8N_REAL=1 (or CI=true) after `npm run build`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { QUIET_FLAGS } from '../../scripts/headless-chromium';
import type { N8nInstance, WorkflowJson } from '../../scripts/n8n/instance';
import { createInstance, packageBuilt, PACKAGE_NAME, REPO_ROOT } from '../../scripts/n8n/instance';
import { describeReal, INSTALL_TIMEOUT, MINUTE, real } from '../helpers/real-n8n';

const SECOND = 1000;
// Generous: the machines are small and often loaded; a selector that does not show within this is a failure.
const UI_TIMEOUT = 60 * SECOND;

const SCREENSHOTS = path.join(REPO_ROOT, '.artifacts', 'screenshots');
const DOC_SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const WORKFLOWS_DIR = path.join(REPO_ROOT, 'workflows');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STICKY = 'n8n-nodes-base.stickyNote';
const OWNER = { email: 'owner@dunning.test', password: 'Dunning-Tests-1' };

// ------------------------------------------------------------------------------ what the package registers

interface PackageNode {
	/** `n8n-nodes-dunning.<name>` */
	type: string;
	displayName: string;
	/** `/icons/n8n-nodes-dunning/dist/nodes/<Dir>/<file>.svg`, light then dark */
	iconUrls: string[];
	description: NodeDescription;
}

interface NodeProperty {
	name: string;
	displayName: string;
	type: string;
	default?: unknown;
	required?: boolean;
	displayOptions?: { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> };
}

interface NodeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	icon?: string | { light: string; dark: string };
	properties: NodeProperty[];
}

/** The nodes package.json registers, with the display names and icons of their built descriptions. */
function packageNodes(): PackageNode[] {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[] };
	};
	return manifest.n8n.nodes.map((file) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(path.join(REPO_ROOT, file)) as Record<
			string,
			new () => { description: NodeDescription }
		>;
		const NodeClass = Object.values(exported)[0];
		const description = new NodeClass().description;
		const icons =
			typeof description.icon === 'string'
				? [description.icon]
				: description.icon
					? [description.icon.light, description.icon.dark]
					: [];
		const dir = path.posix.dirname(file);
		return {
			type: `${PACKAGE_NAME}.${description.name}`,
			displayName: description.displayName,
			iconUrls: icons
				.filter((icon) => icon.startsWith('file:'))
				.map((icon) => `/icons/${PACKAGE_NAME}/${dir}/${icon.slice('file:'.length)}`),
			description,
		};
	});
}

interface Template {
	file: string;
	workflow: WorkflowJson & { id: string };
}

function templates(): Template[] {
	if (!fs.existsSync(WORKFLOWS_DIR)) return [];
	return fs
		.readdirSync(WORKFLOWS_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, name), 'utf8'));
			if (!workflow.id) throw new Error(`workflows/${name} has no "id"`);
			return { file: `workflows/${name}`, workflow };
		});
}

/** Whether a top-level property shows with the other properties at their defaults. */
function shownByDefault(property: NodeProperty, defaults: Record<string, unknown>): boolean {
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	return (
		Object.entries(show).every(([name, values]) => values.includes(defaults[name])) &&
		!Object.entries(hide).some(([name, values]) => values.includes(defaults[name]))
	);
}

/**
 * A workflow holding one node of each given type, as the node creator adds it (defaults), with any required
 * text parameter shown by default filled in: an empty required field is what a user fills first, not a fault.
 */
function builtWorkflow(nodes: PackageNode[]): WorkflowJson & { id: string } {
	return {
		id: 'dunE2eAllNodes01',
		name: 'E2E: every node of n8n-nodes-dunning',
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: nodes.map((node, index) => {
			const { properties, version } = node.description;
			const defaults = Object.fromEntries(properties.map((p) => [p.name, p.default]));
			const parameters: Record<string, string> = {};
			for (const property of properties) {
				if (
					property.required &&
					property.type === 'string' &&
					property.default === '' &&
					shownByDefault(property, defaults)
				) {
					parameters[property.name] = `E2E ${property.displayName}`;
				}
			}
			return {
				id: `e2e00000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
				name: node.displayName,
				type: node.type,
				typeVersion: Array.isArray(version) ? Math.max(...version) : version,
				position: [(index % 4) * 280, Math.floor(index / 4) * 240],
				parameters,
			};
		}),
	};
}

/** The negative control: a node of a package that is not installed, and a Reminder Composer left empty. */
function controlWorkflow(nodes: PackageNode[]): WorkflowJson & { id: string } {
	const composer = nodes.find((node) => node.type.endsWith('.reminderComposer'));
	return {
		id: 'dunE2eControl001',
		name: 'E2E control: what the editor test must report',
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: 'e2e00000-0000-4000-9000-000000000001',
				name: 'Not Installed',
				type: 'n8n-nodes-absent.nothing',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...(composer
				? [
						{
							id: 'e2e00000-0000-4000-9000-000000000002',
							name: 'Empty Composer',
							type: composer.type,
							typeVersion: 1,
							position: [280, 0],
							// Sender Name may be empty (a default in the message's language): a custom
							// template's required Subject Template is the parameter left empty.
							parameters: { customTemplate: true },
						},
					]
				: []),
		],
	};
}

// ----------------------------------------------------------------------------------------- the browser side

// tsconfig has no DOM library: the few page-side calls are typed here.
interface PageElement {
	complete?: boolean;
	naturalWidth?: number;
	getAttribute(name: string): string | null;
}
interface PageDocument {
	querySelector(selector: string): unknown;
	querySelectorAll(selector: string): ArrayLike<PageElement>;
}
type NodeIssues = Record<string, unknown>;

function ensureChromium(): string {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	// Not on a fresh machine (see ../shared/real-n8n.md); Debian's package is what works here.
	if (process.getuid?.() === 0) {
		const install = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
			stdio: 'ignore',
			timeout: 15 * MINUTE,
		});
		if (install.status === 0 && fs.existsSync(CHROMIUM)) return CHROMIUM;
	}
	throw new Error(
		`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
	);
}

const slug = (text: string): string =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

/** A CSS attribute selector value, quoted. */
const cssString = (value: string): string => JSON.stringify(value);

const nodeOnCanvas = (name: string): string =>
	`[data-test-id="canvas-node"][data-node-name=${cssString(name)}]`;

async function imagesLoaded(page: Page, selector: string): Promise<void> {
	await page.waitForFunction(
		(sel) => {
			const doc = (globalThis as unknown as { document: PageDocument }).document;
			return Array.from(doc.querySelectorAll(sel)).every((img) => img.complete === true);
		},
		selector,
		{ timeout: UI_TIMEOUT },
	);
}

/**
 * Runs in the page: whether the node creator lists an entry named one of `names` whose icon is served from
 * `iconPrefix` (our package's icons, so a core node of the same name does not count).
 */
function findInCreator({ names, iconPrefix }: { names: string[]; iconPrefix: string }): boolean {
	interface Entry extends PageElement {
		textContent: string | null;
		parentElement: Entry | null;
		querySelector(selector: string): PageElement | null;
	}
	const doc = (globalThis as unknown as { document: PageDocument }).document;
	const entries = Array.from(
		doc.querySelectorAll('[data-test-id="node-creator-item-name"]'),
	) as unknown as Entry[];
	return entries.some((entry) => {
		if (!names.includes((entry.textContent ?? '').trim())) return false;
		let item: Entry | null = entry;
		while (item && !item.querySelector('img')) item = item.parentElement;
		const src = item?.querySelector('img')?.getAttribute('src') ?? '';
		return src.startsWith(iconPrefix);
	});
}

/** Icons under `selector` that did not load (a missing or broken SVG). */
async function brokenImages(page: Page, selector: string): Promise<string[]> {
	return page.evaluate((sel) => {
		const doc = (globalThis as unknown as { document: PageDocument }).document;
		return Array.from(doc.querySelectorAll(sel))
			.filter((img) => !img.naturalWidth)
			.map((img) => img.getAttribute('src') ?? '?');
	}, selector);
}

/**
 * The issues the editor computed for each node of the open workflow (n8n 2.41.1 keeps them in the Pinia store
 * `workflowDocuments/<id>@latest`), by category: `credentials`, `parameters`, `typeUnknown`, `execution`, ...
 */
async function editorIssues(page: Page, workflowId: string): Promise<Record<string, NodeIssues>> {
	const issues = await page.evaluate((id) => {
		type Store = { nodesByName?: Record<string, { name: string; issues?: NodeIssues | null }> };
		const doc = (globalThis as unknown as { document: PageDocument }).document;
		const app = doc.querySelector('#app') as {
			__vue_app__?: {
				config: { globalProperties: { $pinia?: { state: { value: Record<string, Store> } } } };
			};
		} | null;
		const state = app?.__vue_app__?.config.globalProperties.$pinia?.state.value;
		if (!state) return null;
		const key = Object.keys(state).find((name) => name.startsWith(`workflowDocuments/${id}@`));
		const nodes = key ? state[key].nodesByName : undefined;
		if (!nodes) return null;
		const result: Record<string, NodeIssues> = {};
		for (const node of Object.values(nodes)) result[node.name] = node.issues ?? {};
		return result;
	}, workflowId);
	if (!issues) throw new Error(`the editor's workflow store for ${workflowId} was not found`);
	return issues;
}

/** Only missing/unknown credentials: expected in templates, whose credentials are set up by the user. */
function unexpectedIssues(issues: NodeIssues): NodeIssues {
	return Object.fromEntries(
		Object.entries(issues).filter(([category]) => category !== 'credentials'),
	);
}

// ------------------------------------------------------------------------------------------------- the test

interface Shot {
	workflow?: string;
	file?: string;
	node?: string;
	type?: string;
	png: string;
	credentialIssues?: NodeIssues;
	problems: string[];
}

describeReal('our nodes in the n8n 2.41.1 editor (headless Chromium)', () => {
	const nodes = real ? packageNodes() : [];
	const ours = new Map(nodes.map((node) => [node.type, node]));
	const found = real ? templates() : [];
	const covered = new Set(found.flatMap((t) => t.workflow.nodes.map((node) => String(node.type))));
	const uncovered = nodes.filter((node) => !covered.has(node.type));
	const workflows: Template[] = [
		...found,
		...(uncovered.length > 0
			? [{ file: '(built by the test)', workflow: builtWorkflow(uncovered) }]
			: []),
	];

	let n8n: N8nInstance | undefined;
	let browser: Browser | undefined;
	let context: BrowserContext | undefined;
	const shots: Shot[] = [];
	const timings: Record<string, number> = {};
	// Icons or other files of our package the editor could not load (404 and the like).
	const failedPackageRequests: string[] = [];

	async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
		const started = Date.now();
		try {
			return await run();
		} finally {
			timings[label] = Date.now() - started;
		}
	}

	async function newPage(): Promise<Page> {
		if (!context) throw new Error('no browser context');
		const page = await context.newPage();
		page.setDefaultTimeout(UI_TIMEOUT);
		page.setDefaultNavigationTimeout(UI_TIMEOUT);
		return page;
	}

	/**
	 * Imports the workflows with two CLI boots. n8n 2.41.1's `import:workflow` reads the existing tags once per
	 * call, so two workflows of one call sharing a new tag name both create it (SQLITE_CONSTRAINT: UNIQUE
	 * constraint failed: tag_entity.name): a first call creates every tag name (on a workflow of its own), the
	 * second imports the templates as they are.
	 */
	async function importWorkflows(instance: N8nInstance): Promise<void> {
		const tagNames = [
			...new Set(
				workflows.flatMap(({ workflow }) =>
					((workflow.tags ?? []) as Array<{ name?: string }>).map((tag) => tag.name ?? ''),
				),
			),
		].filter(Boolean);
		const batches: WorkflowJson[][] = [
			[
				{
					id: 'dunE2eTagsFirst1',
					name: 'E2E: the templates tags, created before the templates',
					nodes: [],
					connections: {},
					tags: tagNames.map((name) => ({ name })),
				},
				controlWorkflow(nodes),
			],
			workflows.map(({ workflow }) => workflow),
		];
		for (const [index, batch] of batches.entries()) {
			const dir = path.join(instance.folder, `e2e-workflows-${index}`);
			fs.mkdirSync(dir);
			for (const workflow of batch) {
				fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
			}
			await instance.cliOk(['import:workflow', '--separate', `--input=${dir}`]);
		}
	}

	beforeAll(async () => {
		if (!packageBuilt()) throw new Error('run `npm run build` first: dist/ lacks the nodes');
		const executablePath = ensureChromium();
		fs.mkdirSync(SCREENSHOTS, { recursive: true });

		n8n = await timed('install and user folder', () => createInstance({ withPackage: true }));
		const instance = n8n;
		await timed('import workflows', () => importWorkflows(instance));
		const { url } = await timed('n8n start', () => instance.start());
		await instance.setupOwner(OWNER);

		browser = await chromium.launch({ executablePath, args: [...QUIET_FLAGS] });
		context = await browser.newContext({ baseURL: url, viewport: { width: 1600, height: 1400 } });
		context.on('response', (response) => {
			if (response.url().includes(`/${PACKAGE_NAME}/`) && response.status() >= 400) {
				failedPackageRequests.push(`${response.status()} ${response.url()}`);
			}
		});

		// Log in through the sign-in form, as a user does: the session cookie is then tied to this browser's id.
		const page = await newPage();
		await timed('log in', async () => {
			await page.goto('/signin');
			await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
			await page.locator('input[name="password"]').fill(OWNER.password);
			await page.locator('[data-test-id="form-submit-button"]').click();
			await page.waitForURL((target) => !target.pathname.startsWith('/signin'));
		});
		await page.close();
	}, INSTALL_TIMEOUT);

	afterAll(async () => {
		// Each step on its own: a failure in one must not leave the others running.
		await context?.close().catch(() => undefined);
		await browser?.close().catch(() => undefined);
		await n8n?.dispose().catch(() => undefined);
		if (shots.length > 0) {
			fs.writeFileSync(
				path.join(SCREENSHOTS, 'editor-index.json'),
				JSON.stringify({ n8n: '2.41.1', timings, failedPackageRequests, shots }, null, 2),
			);
		}
		process.stdout.write(
			`editor test timings (ms): ${JSON.stringify(timings)}\nscreenshots: ${SCREENSHOTS}\n`,
		);
	}, 2 * MINUTE);

	it(
		'finds every node of package.json n8n.nodes in the node creator by its display name, with its icons',
		async () => {
			expect(nodes.length).toBeGreaterThan(0);
			const page = await newPage();
			const problems: string[] = [];
			await timed('node creator', async () => {
				await page.goto('/workflow/new');
				await page.locator('[data-test-id="canvas-plus-button"]').click();
				const search = page
					.locator(
						'input[data-test-id="node-creator-search-bar"], [data-test-id="node-creator-search-bar"] input',
					)
					.first();
				for (const node of nodes) {
					await search.fill(node.displayName);
					// The trigger view lists "Stripe Invoice Trigger" as "Stripe Invoice"; the icon tells it is ours.
					const names = [node.displayName, node.displayName.replace(/ Trigger$/, '')];
					const png = path.join(SCREENSHOTS, `node-creator--${slug(node.displayName)}.png`);
					try {
						await page.waitForFunction(
							findInCreator,
							{ names, iconPrefix: `/icons/${PACKAGE_NAME}/` },
							{
								timeout: 20 * SECOND,
							},
						);
						await imagesLoaded(page, '[data-test-id="node-creator"] img');
					} catch {
						const shown = await page
							.locator('[data-test-id="node-creator-item-name"]')
							.allTextContents();
						problems.push(
							`${node.displayName} (${node.type}): not found in the node creator (shown: ${shown.join(', ')})`,
						);
					}
					await page.screenshot({ path: png });
					const broken = await brokenImages(page, '[data-test-id="node-creator"] img');
					if (broken.length > 0) problems.push(`${node.displayName}: icon did not load: ${broken}`);
					shots.push({
						node: node.displayName,
						type: node.type,
						png: path.basename(png),
						problems: [],
					});
				}
				// Both icons, light and dark, are served (the dark one is only requested in dark mode).
				for (const node of nodes) {
					if (node.iconUrls.length === 0) problems.push(`${node.displayName}: no file icon`);
					for (const iconUrl of node.iconUrls) {
						const response = await page.request.get(iconUrl);
						const body = await response.text();
						if (response.status() !== 200 || !body.includes('<svg')) {
							problems.push(`${node.displayName}: icon ${iconUrl} answers ${response.status()}`);
						}
					}
				}
			});
			await page.close();
			expect(problems).toEqual([]);
		},
		5 * MINUTE,
	);

	/**
	 * Opens a workflow, screenshots its canvas, then each of our nodes' panels; returns what is wrong.
	 * Unknown node types are looked for on every node (a template may use a core node this n8n lacks).
	 */
	async function inspectWorkflow(template: Template, prefix = 'workflow'): Promise<string[]> {
		const { workflow } = template;
		const problems: string[] = [];
		const page = await newPage();
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		try {
			await page.goto(`/workflow/${workflow.id}`);
			for (const node of workflow.nodes.filter((n) => n.type !== STICKY)) {
				await page.locator(nodeOnCanvas(String(node.name))).waitFor({ state: 'visible' });
			}
			await imagesLoaded(page, '[data-test-id="canvas-node"] img');
			await page.locator('[data-test-id="zoom-to-fit"]').click();
			const canvasPng = `${prefix}-${workflow.id}.png`;
			await page.screenshot({ path: path.join(SCREENSHOTS, canvasPng) });
			// The templates' canvases are also kept in git (docs/screenshots), linked from workflows/README.md.
			if (prefix === 'workflow' && template.file.endsWith('.json')) {
				fs.mkdirSync(DOC_SCREENSHOTS, { recursive: true });
				fs.copyFileSync(path.join(SCREENSHOTS, canvasPng), path.join(DOC_SCREENSHOTS, canvasPng));
			}

			const issues = await editorIssues(page, workflow.id);
			for (const node of workflow.nodes.filter((n) => n.type !== STICKY)) {
				const name = String(node.name);
				if (
					(await page
						.locator(`${nodeOnCanvas(name)} [data-test-id="node-not-installed"]`)
						.count()) > 0
				) {
					problems.push(`${name} (${node.type}): shown as not installed on the canvas`);
				}
			}
			shots.push({
				workflow: workflow.name,
				file: template.file,
				png: canvasPng,
				problems: [...problems],
			});

			for (const node of workflow.nodes) {
				const type = String(node.type);
				if (!ours.has(type)) continue;
				const name = String(node.name);
				const nodeProblems: string[] = [];
				const unexpected = unexpectedIssues(issues[name] ?? {});
				if (Object.keys(unexpected).length > 0) {
					nodeProblems.push(`issues ${JSON.stringify(unexpected)}`);
				}
				const canvasIcons = await brokenImages(page, `${nodeOnCanvas(name)} img`);
				if (canvasIcons.length > 0)
					nodeProblems.push(`icon did not load on the canvas: ${canvasIcons}`);

				const errorsBefore = pageErrors.length;
				const ndv = page.locator('[data-test-id="ndv"]');
				// A double click opens the panel; when the node is hidden under an overlay, the node's own URL does.
				try {
					await page.locator(nodeOnCanvas(name)).dblclick({ timeout: 10 * SECOND });
				} catch {
					await page.goto(`/workflow/${workflow.id}/${String(node.id)}`);
				}
				await ndv.waitFor({ state: 'visible' });
				const parameters = ndv.locator('[data-test-id="node-parameters"]');
				const notInstalled = ndv.locator('[data-test-id="install-community-node-button"]');
				await parameters.or(notInstalled).first().waitFor({ state: 'visible' });
				await imagesLoaded(page, '[data-test-id="ndv"] img');
				const png = `${prefix}-${workflow.id}--${slug(name)}.png`;
				await page.screenshot({ path: path.join(SCREENSHOTS, png) });

				if ((await notInstalled.count()) > 0) nodeProblems.push('panel says "Install this node"');
				const parameterIssues = await ndv
					.locator('[data-test-id="parameter-issues"]')
					.evaluateAll((marks) =>
						marks.map((mark) => {
							const input = (mark as unknown as { closest(s: string): PageElement | null }).closest(
								'[data-test-id^="parameter-input-"]',
							);
							return input?.getAttribute('data-test-id')?.replace(/^parameter-input-/, '') ?? '?';
						}),
					);
				if (parameterIssues.length > 0) {
					nodeProblems.push(`panel marks parameters with an issue: ${parameterIssues.join(', ')}`);
				}
				const ndvIcons = await brokenImages(page, '[data-test-id="ndv"] img');
				if (ndvIcons.length > 0) nodeProblems.push(`icon did not load in the panel: ${ndvIcons}`);
				if (pageErrors.length > errorsBefore) {
					nodeProblems.push(`page errors: ${pageErrors.slice(errorsBefore).join(' | ')}`);
				}

				const credentialIssues = issues[name]?.credentials as NodeIssues | undefined;
				shots.push({
					workflow: workflow.name,
					file: template.file,
					node: name,
					type,
					png,
					...(credentialIssues ? { credentialIssues } : {}),
					problems: nodeProblems,
				});
				problems.push(...nodeProblems.map((problem) => `${name} (${type}): ${problem} [${png}]`));

				await ndv.locator('[data-test-id="ndv-close-button"]').click();
				await ndv.waitFor({ state: 'hidden' });
			}
		} finally {
			await page.close();
		}
		return problems;
	}

	it.each(workflows.map((template) => [template.file, template.workflow.id, template] as const))(
		'%s (%s): every node known, canvas and our panels without a parameter issue',
		async (_file, id, template) => {
			const problems = await timed(`workflow ${id}`, () => inspectWorkflow(template));
			expect(problems).toEqual([]);
		},
		10 * MINUTE,
	);

	// The checks can fail: an unknown node type and a missing required parameter are both reported.
	it(
		'control: reports a node that is not installed and a required parameter left empty',
		async () => {
			const problems = await timed('control workflow', () =>
				inspectWorkflow({ file: '(control)', workflow: controlWorkflow(nodes) }, 'control'),
			);
			const composer = nodes.find((node) => node.type.endsWith('.reminderComposer'));
			expect(problems).toEqual(
				expect.arrayContaining([
					expect.stringMatching(
						/^Not Installed \(n8n-nodes-absent\.nothing\): shown as not installed/,
					),
					...(composer
						? [
								expect.stringMatching(/^Empty Composer .*issues .*"parameters"/),
								expect.stringMatching(
									/^Empty Composer .*panel marks parameters with an issue: .*subjectTemplate/,
								),
							]
						: []),
				]),
			);
		},
		5 * MINUTE,
	);

	it(
		'every node of the package was opened in a panel',
		() => {
			const opened = new Set(
				shots
					.filter((shot) => shot.type && shot.png.startsWith('workflow-'))
					.map((shot) => shot.type),
			);
			expect(nodes.filter((node) => !opened.has(node.type)).map((node) => node.type)).toEqual([]);
		},
		SECOND,
	);
});
