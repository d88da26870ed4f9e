// n8n's own ESLint configuration for community nodes, unmodified, governs everything that ships
// (nodes/, credentials/, package.json). Tests, benchmarks and scripts never ship and legitimately use
// process, timers and child processes, so they are linted with typescript-eslint's recommended rules,
// taken from the same typescript-eslint that n8n's configuration brings.
import { createRequire } from 'node:module';
import { config as n8nCommunityNodes } from '@n8n/node-cli/eslint';

const requireFromN8nConfig = createRequire(import.meta.resolve('@n8n/node-cli/eslint'));
const tseslint = requireFromN8nConfig('typescript-eslint');

const notShipped = ['test/**', 'bench/**', 'scripts/**'];

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.artifacts/**'] },
	// A block with nothing but `ignores` is a global ignore list: scoping it would hide tests from all linting.
	...n8nCommunityNodes.map((block) =>
		Object.keys(block).every((key) => key === 'ignores' || key === 'name')
			? block
			: { ...block, ignores: [...(block.ignores ?? []), ...notShipped] },
	),
	...tseslint.config({
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		extends: [tseslint.configs.recommended],
	}),
];
