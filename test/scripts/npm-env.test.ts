// Issue 18: `npm run` exports the project's `.npmrc` (ignore-scripts=true) to its scripts as npm_config_*
// variables; a nested `npm install node@24` that inherited it skipped the preinstall fetching the Node binary.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { nodeInstallCommand, n8nInstallCommand, paths } from '../../scripts/n8n/install';
import { npmrcKeys, toolNpmEnv } from '../../scripts/npm-env';

/** What a child npm started with this call's flags and environment reads as its `ignore-scripts`. */
function childIgnoreScripts(call: ReturnType<typeof nodeInstallCommand>, cwd: string): string {
	const flags = call.args.filter((arg) => arg.startsWith('--ignore-scripts'));
	const result = spawnSync('npm', ['config', 'get', 'ignore-scripts', ...flags], {
		cwd,
		env: call.options.env as NodeJS.ProcessEnv,
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`npm config get failed: ${result.stderr}`);
	return result.stdout.trim();
}

describe('the environment of the npm calls that install n8n and its Node', () => {
	let folder: string;
	beforeAll(() => {
		// A tool folder with its own package.json, as install.js makes it (npm then does not walk up to us).
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-env-'));
		fs.writeFileSync(path.join(folder, 'package.json'), '{"name":"tool","private":true}');
	});
	afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

	// What `npm run demo` exports to the script from the project's .npmrc and its own bookkeeping.
	const underNpmRun = {
		...process.env,
		npm_config_ignore_scripts: 'true',
		NPM_CONFIG_IGNORE_SCRIPTS: 'true',
		npm_lifecycle_event: 'demo',
		npm_package_name: 'n8n-nodes-dunning',
		npm_config_cache: '/somewhere/npm-cache',
	};

	it('reads the setting names of the project .npmrc (ignore-scripts among them)', () => {
		expect(npmrcKeys()).toContain('ignore-scripts');
	});

	it('drops the project .npmrc settings and npm run bookkeeping, in any case, and keeps the user settings', () => {
		const env = toolNpmEnv(underNpmRun);
		expect(env.npm_config_ignore_scripts).toBeUndefined();
		expect(env.NPM_CONFIG_IGNORE_SCRIPTS).toBeUndefined();
		expect(env.npm_lifecycle_event).toBeUndefined();
		expect(env.npm_package_name).toBeUndefined();
		expect(env.npm_config_cache).toBe('/somewhere/npm-cache');
		expect(env.PATH).toBe(process.env.PATH);
	});

	it('the nested npm that installs node@24 runs install scripts even when npm run exported ignore-scripts=true', () => {
		const call = nodeInstallCommand({ ...paths(folder), nodeDir: folder }, underNpmRun);
		expect(call.options.env.npm_config_ignore_scripts).toBeUndefined();
		expect(childIgnoreScripts(call, folder)).toBe('false');
	});

	it('the nested npm that installs n8n skips install scripts because it says so, not by inheritance', () => {
		const call = n8nInstallCommand({ ...paths(folder), n8nDir: folder }, { ...process.env });
		expect(call.args).toContain('--ignore-scripts=true');
		expect(childIgnoreScripts(call, folder)).toBe('true');
	});
});
