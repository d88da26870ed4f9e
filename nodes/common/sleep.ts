/**
 * n8n's `sleep`, loaded on its first use rather than with the module. Retry and pacer are loaded by the unit
 * tests' setup (to inject a virtual clock) into every test file, and n8n-workflow takes 0.7 s to load there:
 * importing it at the top cost the 70 test files that never run a node about 50 s of CPU per `npm test`.
 * In n8n it is already loaded, so the first call costs nothing. A `require`, not `import()`: n8n resolves
 * n8n-workflow for a community package's CommonJS requires only; an ESM import() finds no such package.
 */
export async function sleep(ms: number): Promise<void> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { sleep: n8nSleep } = require('n8n-workflow') as {
		sleep: (ms: number) => Promise<void>;
	};
	await n8nSleep(ms);
}
