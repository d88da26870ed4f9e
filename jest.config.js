// Three projects (scripts/test.js chooses): `unit`, the unit and node tests, run everywhere and need nothing but
// Node; `integration`, the tests that start system software (PostgreSQL, dovecot, poppler's pdftotext; installed
// by scripts/ci/services.sh), named *.integration.test.ts; `real-n8n`, which boots a real n8n 2.41.1 (installed
// once, about five minutes). The last two run under CI=true or N8N_REAL=1.
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};

module.exports = {
	// Jest's default, one worker fewer than the cores, is a single process on a 2-core machine, where test files
	// spend most of their time loading modules: one worker per core took npm test from 133 s to 81 s here. At
	// least three: node tests wait on their simulators' latency, and a third worker fills that time (2-core
	// machine, idle: 59.0 s with two workers, 53.8 s with three). CI passes --maxWorkers=1.
	maxWorkers: Math.max(3, require('node:os').availableParallelism()),
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: [
				'<rootDir>/test/real-n8n/',
				'<rootDir>/test/e2e/',
				'\\.integration\\.test\\.ts$',
			],
			// Retry back-off is recorded, not slept through (test/helpers/retry-waits.ts).
			setupFilesAfterEnv: ['<rootDir>/test/helpers/retry-waits.ts'],
		},
		{
			displayName: 'integration',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/**/*.integration.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/real-n8n/', '<rootDir>/test/e2e/'],
			setupFilesAfterEnv: ['<rootDir>/test/helpers/retry-waits.ts'],
		},
		{
			displayName: 'real-n8n',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/real-n8n/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
		},
	],
	// The generated composer modules are not in git: written first (scripts/build-templates.js --if-stale).
	globalSetup: '<rootDir>/test/global-setup.js',
	// Generated data (1.8 MB of templates and syntax trees), not logic: instrumenting it only made Babel warn.
	collectCoverageFrom: [
		'nodes/**/*.ts',
		'credentials/**/*.ts',
		'!nodes/shared/composer/generated/**',
	],
	coverageReporters: ['text-summary', 'lcov'],
};
