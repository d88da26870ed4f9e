#!/usr/bin/env node
// `npm test`: the unit and node tests, which need nothing but Node (under a minute on a 2-core machine). Under
// CI (or N8N_REAL=1) also the integration tests (a real PostgreSQL, dovecot and poppler, installed by
// scripts/ci/services.sh) and the tests that drive a real n8n 2.41.1, with coverage. Extra arguments go to
// jest (`npm test -- test/shared`).
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const jest = path.join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const real = process.env.CI === 'true' || process.env.N8N_REAL === '1';
const projects = real ? ['unit', 'integration', 'real-n8n'] : ['unit'];
// Coverage instruments every module and costs about a third of the run: CI reports it, contributors get the
// fast loop. The real-n8n tests run one at a time, as they always have: each boots an n8n (and some a Redis, a
// dovecot), and two at once on a 2-core machine starve each other's timeouts.
const ciOnly = real ? ['--coverage', '--maxWorkers=1'] : [];
const args = [jest, '--selectProjects', ...projects, ...ciOnly, ...process.argv.slice(2)];
if (!real) {
	console.log(
		'Integration and real-n8n tests are left to CI; run them here with N8N_REAL=1 npm test ' +
			'(or npm run test:integration after scripts/ci/services.sh).',
	);
}
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
