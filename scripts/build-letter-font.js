#!/usr/bin/env node
// Builds nodes/shared/letter-pdf/generated/fonts.ts: DejaVu Sans and DejaVu Sans Bold (dejavu-fonts-ttf, a
// devDependency) cut down to the characters a letter in French, English, German or Spanish can hold —
// Basic Latin, Latin-1, Latin Extended-A, €, typographic quotes and dashes, the spaces Intl puts in amounts —
// and stored as base64 strings. The letter core embeds them with pdf-lib (which subsets again, to the glyphs a
// letter uses), so nothing is read from disk at run time and the package carries ~2 × 40 KB, not 1.4 MB of TTF.
//
// fontkit's TrueType subsetter writes only the tables a PDF needs (no cmap, OS/2, post, name); fontkit, which
// pdf-lib uses to lay text out, needs a cmap to find a character's glyph. So this script adds a cmap (format 4,
// one segment per character), a version-3 post (no glyph names: the ids changed), and the original OS/2 and
// name tables (the name table carries the fonts' copyright and licence notice).
//
// A build output, not in git (.gitignore): the build (gulpfile.js) and the letter tests write it first.
//   node scripts/build-letter-font.js             write the module
//   node scripts/build-letter-font.js --if-stale  the same, unless it is newer than this script and the lock
//   node scripts/build-letter-font.js --check     exit 1 if it is missing or stale
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const outFile = path.join(root, 'nodes/shared/letter-pdf/generated/fonts.ts');
const inputs = [__filename, path.join(root, 'package-lock.json')];

function isFresh() {
	if (!fs.existsSync(outFile)) return false;
	const built = fs.statSync(outFile).mtimeMs;
	return inputs.every((file) => !fs.existsSync(file) || fs.statSync(file).mtimeMs <= built);
}

if (process.argv.includes('--if-stale') && isFresh()) process.exit(0);
if (process.argv.includes('--check')) {
	if (isFresh()) process.exit(0);
	console.error(
		`${path.relative(root, outFile)} is missing or stale: run node scripts/build-letter-font.js`,
	);
	process.exit(1);
}

const fontkit = require('@pdf-lib/fontkit');

/** The characters kept: what Intl and the composer's wording put in a letter in the four languages. */
function codePoints() {
	const points = [];
	const range = (from, to) => {
		for (let code = from; code <= to; code++) points.push(code);
	};
	range(0x20, 0x7e); // Basic Latin
	range(0xa0, 0xff); // Latin-1 Supplement (NBSP, «», é, ß, ñ, ¿, ¡, º, ª, §)
	range(0x100, 0x17f); // Latin Extended-A (Œ œ Ÿ, Central European letters in names)
	points.push(
		0x20ac, // €
		0x2009, // thin space
		0x202f, // narrow no-break space: the French thousands separator in Intl
		0x2010, // hyphen
		0x2011, // non-breaking hyphen
		0x2013, // en dash
		0x2014, // em dash
		0x2018, // ‘
		0x2019, // ’ the composer's apostrophe
		0x201a, // ‚
		0x201c, // “
		0x201d, // ”
		0x201e, // „ German opening quote
		0x2022, // •
		0x2026, // …
		0x2030, // ‰
		0x2039, // ‹
		0x203a, // ›
		0x2116, // №
		0x2122, // ™
		0x2212, // minus sign: Intl's negative amounts
	);
	return points;
}

function checksum(bytes) {
	const padded = Buffer.alloc(Math.ceil(bytes.length / 4) * 4);
	bytes.copy(padded);
	let sum = 0;
	for (let offset = 0; offset < padded.length; offset += 4) {
		sum = (sum + padded.readUInt32BE(offset)) >>> 0;
	}
	return sum;
}

function readTables(sfnt) {
	const count = sfnt.readUInt16BE(4);
	const tables = new Map();
	for (let index = 0; index < count; index++) {
		const entry = 12 + index * 16;
		const tag = sfnt.toString('latin1', entry, entry + 4);
		const offset = sfnt.readUInt32BE(entry + 8);
		const length = sfnt.readUInt32BE(entry + 12);
		tables.set(tag, Buffer.from(sfnt.subarray(offset, offset + length)));
	}
	return tables;
}

function writeSfnt(tables) {
	const tags = [...tables.keys()].sort();
	const count = tags.length;
	const entrySelector = Math.floor(Math.log2(count));
	const searchRange = 2 ** entrySelector * 16;
	const header = Buffer.alloc(12 + count * 16);
	header.writeUInt32BE(0x00010000, 0);
	header.writeUInt16BE(count, 4);
	header.writeUInt16BE(searchRange, 6);
	header.writeUInt16BE(entrySelector, 8);
	header.writeUInt16BE(count * 16 - searchRange, 10);
	const head = tables.get('head');
	head.writeUInt32BE(0, 8); // checkSumAdjustment is computed over the whole font with this field at 0
	const bodies = [];
	let offset = header.length;
	tags.forEach((tag, index) => {
		const table = tables.get(tag);
		const entry = 12 + index * 16;
		header.write(tag, entry, 'latin1');
		header.writeUInt32BE(checksum(table), entry + 4);
		header.writeUInt32BE(offset, entry + 8);
		header.writeUInt32BE(table.length, entry + 12);
		const padded = Buffer.alloc(Math.ceil(table.length / 4) * 4);
		table.copy(padded);
		bodies.push(padded);
		offset += padded.length;
	});
	const font = Buffer.concat([header, ...bodies]);
	const headOffset = header.readUInt32BE(12 + tags.indexOf('head') * 16 + 8);
	font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
	return font;
}

/** A cmap with one format-4 subtable (one segment per character), for Unicode BMP (3,1) and (0,3). */
function cmapTable(glyphOf) {
	const codes = [...glyphOf.keys()].sort((a, b) => a - b);
	const segments = [...codes.map((code) => [code, glyphOf.get(code)]), [0xffff, 0]];
	const segCount = segments.length;
	const entrySelector = Math.floor(Math.log2(segCount));
	const searchRange = 2 ** entrySelector * 2;
	const length = 16 + segCount * 8;
	const sub = Buffer.alloc(length);
	sub.writeUInt16BE(4, 0);
	sub.writeUInt16BE(length, 2);
	sub.writeUInt16BE(0, 4);
	sub.writeUInt16BE(segCount * 2, 6);
	sub.writeUInt16BE(searchRange, 8);
	sub.writeUInt16BE(entrySelector, 10);
	sub.writeUInt16BE(segCount * 2 - searchRange, 12);
	const ends = 14;
	const starts = ends + segCount * 2 + 2;
	const deltas = starts + segCount * 2;
	const rangeOffsets = deltas + segCount * 2;
	segments.forEach(([code, glyph], index) => {
		sub.writeUInt16BE(code, ends + index * 2);
		sub.writeUInt16BE(code, starts + index * 2);
		// The last segment (0xFFFF) maps to glyph 0 by a delta of 1, as the format requires.
		sub.writeUInt16BE(code === 0xffff ? 1 : (glyph - code + 0x10000) & 0xffff, deltas + index * 2);
		sub.writeUInt16BE(0, rangeOffsets + index * 2);
	});
	const cmap = Buffer.alloc(4 + 2 * 8);
	cmap.writeUInt16BE(0, 0);
	cmap.writeUInt16BE(2, 2);
	[
		[0, 3],
		[3, 1],
	].forEach(([platform, encoding], index) => {
		cmap.writeUInt16BE(platform, 4 + index * 8);
		cmap.writeUInt16BE(encoding, 6 + index * 8);
		cmap.writeUInt32BE(cmap.length, 8 + index * 8);
	});
	return Buffer.concat([cmap, sub]);
}

/**
 * The name table with its Windows (platform 3) records only: the same names, copyright and licence text
 * once instead of twice (the Macintosh records repeat them), 15 KB down to about 8 KB.
 */
function windowsNames(name) {
	const count = name.readUInt16BE(2);
	const storage = name.readUInt16BE(4);
	const kept = [];
	for (let index = 0; index < count; index++) {
		const record = 6 + index * 12;
		if (name.readUInt16BE(record) !== 3) continue;
		const length = name.readUInt16BE(record + 8);
		const offset = storage + name.readUInt16BE(record + 10);
		kept.push({
			header: name.subarray(record, record + 8),
			text: name.subarray(offset, offset + length),
		});
	}
	const header = Buffer.alloc(6 + kept.length * 12);
	header.writeUInt16BE(0, 0);
	header.writeUInt16BE(kept.length, 2);
	header.writeUInt16BE(header.length, 4);
	let offset = 0;
	kept.forEach((record, index) => {
		record.header.copy(header, 6 + index * 12);
		header.writeUInt16BE(record.text.length, 6 + index * 12 + 8);
		header.writeUInt16BE(offset, 6 + index * 12 + 10);
		offset += record.text.length;
	});
	return Buffer.concat([header, ...kept.map((record) => record.text)]);
}

function subsetFont(file) {
	const original = fs.readFileSync(file);
	const font = fontkit.create(original);
	const subset = font.createSubset();
	const glyphOf = new Map();
	for (const code of codePoints()) {
		const glyph = font.glyphForCodePoint(code);
		if (glyph.id === 0)
			throw new Error(`${path.basename(file)} has no glyph for U+${code.toString(16)}`);
		glyphOf.set(code, subset.includeGlyph(glyph));
	}
	const chunks = [];
	const stream = subset.encodeStream();
	return new Promise((resolve, reject) => {
		stream.on('data', (chunk) => chunks.push(Buffer.from(chunk)));
		stream.on('error', reject);
		stream.on('end', () => {
			const tables = readTables(Buffer.concat(chunks));
			const source = readTables(original);
			tables.set('cmap', cmapTable(glyphOf));
			const post = Buffer.from(source.get('post').subarray(0, 32));
			post.writeUInt32BE(0x00030000, 0);
			tables.set('post', post);
			tables.set('OS/2', source.get('OS/2'));
			tables.set('name', windowsNames(source.get('name')));
			resolve(writeSfnt(tables));
		});
	});
}

async function main() {
	const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
	const regular = await subsetFont(path.join(fontDir, 'DejaVuSans.ttf'));
	const bold = await subsetFont(path.join(fontDir, 'DejaVuSans-Bold.ttf'));
	const { version } = require('dejavu-fonts-ttf/package.json');
	const text = [
		'// Generated by scripts/build-letter-font.js from dejavu-fonts-ttf ' +
			version +
			': do not edit.',
		'// DejaVu Sans, Bitstream Vera licence (https://dejavu-fonts.github.io/License.html), cut down to',
		'// Latin-1, Latin Extended-A, € and typographic punctuation. TrueType, base64.',
		'// prettier-ignore',
		`export const DEJAVU_SANS = '${regular.toString('base64')}';`,
		'// prettier-ignore',
		`export const DEJAVU_SANS_BOLD = '${bold.toString('base64')}';`,
		'',
	].join('\n');
	fs.mkdirSync(path.dirname(outFile), { recursive: true });
	fs.writeFileSync(outFile, text);
	console.log(
		`${path.relative(root, outFile)}: regular ${regular.length} B, bold ${bold.length} B (${text.length} B of base64 source)`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
