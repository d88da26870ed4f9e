// Once before any test (jest.config.js): writes the generated composer modules, build outputs kept out of
// git, when they are missing or older than their sources; otherwise a no-op.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = function generateComposerModules() {
	const script = path.join(__dirname, '..', 'scripts', 'build-templates.js');
	execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
	// The letter PDF's font module (issue 20), also a build output kept out of git.
	const font = path.join(__dirname, '..', 'scripts', 'build-letter-font.js');
	execFileSync(process.execPath, [font, '--if-stale'], { stdio: 'inherit' });
};
