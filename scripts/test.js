#!/usr/bin/env node
// `npm test`: the unit and node tests with coverage, then, under CI (or N8N_REAL=1), the tests that drive a
// real n8n 2.41.1. Extra arguments go to jest (`npm test -- test/shared`).
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const jest = path.join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const real = process.env.CI === 'true' || process.env.N8N_REAL === '1';
const projects = real ? ['unit', 'real-n8n'] : ['unit'];
// The real-n8n tests run one at a time, as they always have: each boots an n8n (and some a Redis, a dovecot),
// and two at once on a 2-core machine starve each other's timeouts (webhook registration was seen to fail).
const workers = real ? ['--maxWorkers=1'] : [];
const args = [
	jest,
	'--selectProjects',
	...projects,
	'--coverage',
	...workers,
	...process.argv.slice(2),
];
if (!real) console.log('Real-n8n tests are left to CI; run them here with N8N_REAL=1 npm test.');
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
