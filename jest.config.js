// Unit and node tests run everywhere; the real-n8n project boots a real n8n 2.41.1 and runs only with
// CI=true or N8N_REAL=1 (see scripts/test.js), since it installs n8n once (about five minutes).
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/real-n8n/', '<rootDir>/test/e2e/'],
			// Retry back-off is recorded, not slept through (test/helpers/retry-waits.ts).
			setupFilesAfterEnv: ['<rootDir>/test/helpers/retry-waits.ts'],
		},
		{
			displayName: 'real-n8n',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/real-n8n/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
		},
	],
	collectCoverageFrom: ['nodes/**/*.ts', 'credentials/**/*.ts'],
	coverageReporters: ['text-summary', 'lcov'],
};
