#!/usr/bin/env node
// Builds nodes/shared/rates/*.json from the reference-rate CSV tables (../shared/rates/*.csv by default).
//
//   node scripts/rates-build.js [csv-dir]
//
// Every entry keeps its date, its source and its status; `confirmed: false` rows carry a `gap` that says what
// is missing, and calculatePenalty turns it into a warning. The script refuses to write anything when a table is
// inconsistent (a missing half-year, a precomputed statutory rate that is not reference + margin, an FR/EU row
// that disagrees with the ECB history), so a typo in a CSV cannot ship.
//
// Updating a half-year: add the row to the CSV (with its source and status), run this script, commit the JSON.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const csvDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'shared', 'rates'));
const outDir = path.join(__dirname, '..', 'nodes', 'shared', 'rates');

/** RFC 4180 CSV: quoted fields may hold commas and doubled quotes. */
function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			if (row.some((value) => value !== '')) rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	row.push(field);
	if (row.some((value) => value !== '')) rows.push(row);
	const [header, ...body] = rows;
	return body.map((values) => Object.fromEntries(header.map((name, i) => [name, values[i] ?? ''])));
}

function readCsv(name) {
	return parseCsv(fs.readFileSync(path.join(csvDir, name), 'utf8'));
}

function fail(table, message) {
	console.error(`rates-build: ${table}: ${message}`);
	process.exit(1);
}

// Decimal percent strings are compared as integers of 1/10000 % so that no float rounding can hide a typo.
function e4(text, table, what) {
	const match = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(text);
	if (!match)
		fail(table, `${what}: ${JSON.stringify(text)} is not a percent with at most 4 decimals`);
	const value = BigInt(match[2]) * 10000n + BigInt((match[3] ?? '').padEnd(4, '0'));
	return match[1] === '-' ? -value : value;
}

function rate(text, table, what) {
	if (text === '') return null;
	e4(text, table, what);
	return text;
}

function expectSum(table, label, total, reference, margin) {
	if (e4(total, table, label) !== e4(reference, table, label) + margin * 10000n) {
		fail(table, `${label}: ${total} is not ${reference} + ${margin}`);
	}
}

function isDate(text) {
	return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

function halfYearOf(date) {
	return `${date.slice(0, 4)}-S${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
}

function halfYearStart(halfYear) {
	return `${halfYear.slice(0, 4)}-${halfYear.endsWith('S1') ? '01' : '07'}-01`;
}

function nextHalfYear(halfYear) {
	const year = Number(halfYear.slice(0, 4));
	return halfYear.endsWith('S1') ? `${year}-S2` : `${year + 1}-S1`;
}

function addDays(date, days) {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// "confirmed", "confirmed-indirect" and "computed-from-confirmed" are confirmed; anything reported, inferred or
// unconfirmed is not.
function isConfirmed(status) {
	return /^(confirmed|computed-from-confirmed)\b/.test(status) && !/unconfirmed/.test(status);
}

function checkContiguous(table, entries) {
	for (let i = 1; i < entries.length; i++) {
		if (entries[i].halfYear !== nextHalfYear(entries[i - 1].halfYear)) {
			fail(table, `half-year ${nextHalfYear(entries[i - 1].halfYear)} is missing`);
		}
	}
}

function ecbHistory() {
	const table = 'ecb_mro_rate_history';
	const entries = readCsv(`${table}.csv`).map((row) => {
		if (!isDate(row.date)) fail(table, `${JSON.stringify(row.date)} is not a date`);
		return {
			from: row.date,
			ratePercent: rate(row.rate, table, row.date),
			announcementDate: row.announcement_date || null,
			operationType: row.operation_type,
			status: row.status,
			confirmed: isConfirmed(row.status),
			source: row.source,
			gap: isConfirmed(row.status) ? null : row.source,
		};
	});
	for (let i = 1; i < entries.length; i++) {
		if (entries[i].from <= entries[i - 1].from) fail(table, `${entries[i].from} is out of order`);
	}
	return {
		table,
		description:
			'ECB main refinancing operations rate, one entry per change, effective from the date given',
		kind: 'changes',
		entries,
	};
}

function ecbInForce(ecb, date) {
	return ecb.entries.filter((entry) => entry.from <= date).pop();
}

/** FR and EU rows are ECB rates on 1 January / 1 July: each one is checked against the ECB history. */
function ecbSemesterTable(name, description, margin, totalColumn, ecb, extra) {
	const entries = readCsv(`${name}.csv`).map((row) => {
		const halfYear = row.semester;
		if (!/^\d{4}-S[12]$/.test(halfYear))
			fail(name, `${JSON.stringify(halfYear)} is not a half-year`);
		if (row.ecb_reference_date !== halfYearStart(halfYear)) {
			fail(name, `${halfYear}: reference date ${row.ecb_reference_date} is not its first day`);
		}
		const reference = ecbInForce(ecb, row.ecb_reference_date);
		if (!reference) fail(name, `${halfYear}: no ECB rate in force on ${row.ecb_reference_date}`);
		if (e4(row.ecb_mro_rate, name, halfYear) !== e4(reference.ratePercent, name, halfYear)) {
			fail(
				name,
				`${halfYear}: ${row.ecb_mro_rate} differs from the ECB history (${reference.ratePercent})`,
			);
		}
		// Before 2009 the French default was ECB + 7 (pre-LME); the table says so in its note.
		if (margin !== null && halfYear >= '2009-S1') {
			expectSum(name, halfYear, row[totalColumn], row.ecb_mro_rate, margin);
		}
		const confirmed = isConfirmed(row.status) && reference.confirmed;
		const detail = /\((.*)\)$/.exec(row.status)?.[1];
		return {
			halfYear,
			from: halfYearStart(halfYear),
			referenceDate: row.ecb_reference_date,
			ratePercent: rate(row.ecb_mro_rate, name, halfYear),
			statutoryRatePercent: rate(row[totalColumn], name, halfYear),
			...extra(row),
			status: row.status,
			confirmed,
			source: `ECB MRO rate in force on ${row.ecb_reference_date} (change of ${reference.from}): ${reference.source}`,
			gap: confirmed
				? null
				: `${detail ? `${detail}; ` : ''}the ECB rate change of ${reference.from} is ${reference.status}`,
		};
	});
	checkContiguous(name, entries);
	return { table: name, description, kind: 'half-year', entries };
}

function deTable() {
	const name = 'de_basiszinssatz';
	const entries = readCsv(`${name}.csv`).map((row) => {
		if (!isDate(row.from_date) || halfYearStart(halfYearOf(row.from_date)) !== row.from_date) {
			fail(name, `${JSON.stringify(row.from_date)} is not 1 January or 1 July`);
		}
		const halfYear = halfYearOf(row.from_date);
		expectSum(name, halfYear, row.b2b_default_rate_plus9, row.rate, 9n);
		expectSum(name, halfYear, row.consumer_default_rate_plus5, row.rate, 5n);
		const confirmed = isConfirmed(row.status);
		return {
			halfYear,
			from: row.from_date,
			referenceDate: row.from_date,
			ratePercent: rate(row.rate, name, halfYear),
			statutoryB2bPercent: rate(row.b2b_default_rate_plus9, name, halfYear),
			statutoryConsumerPercent: rate(row.consumer_default_rate_plus5, name, halfYear),
			status: row.status,
			confirmed,
			source: row.source,
			gap: confirmed ? null : row.source,
		};
	});
	checkContiguous(name, entries);
	return {
		table: name,
		description: 'Basiszinssatz (§ 247 BGB), set on 1 January and 1 July for the half-year',
		kind: 'half-year',
		entries,
	};
}

function tauxLegalTable() {
	const name = 'fr_taux_legal';
	const entries = readCsv(`${name}.csv`).map((row) => {
		const halfYear = row.semester;
		if (!/^\d{4}-S[12]$/.test(halfYear))
			fail(name, `${JSON.stringify(halfYear)} is not a half-year`);
		const ratePercent = rate(row.professional_rate, name, halfYear);
		const confirmed = isConfirmed(row.status) && ratePercent !== null;
		return {
			halfYear,
			from: halfYearStart(halfYear),
			referenceDate: halfYearStart(halfYear),
			ratePercent,
			individualRatePercent: rate(row.individual_rate, name, halfYear),
			status: row.status,
			confirmed,
			source: row.source,
			gap: confirmed ? null : row.source,
		};
	});
	checkContiguous(name, entries);
	return {
		table: name,
		description:
			"Taux de l'intérêt légal, 'autres cas' (professional creditors): ratePercent; individualRatePercent for private creditors",
		kind: 'half-year',
		entries,
	};
}

function ukTable() {
	const name = 'uk_boe_base_rate_reference';
	const entries = readCsv(`${name}.csv`).map((row) => {
		const from = row.applies_to_debts_where_interest_starts_from;
		if (!isDate(row.reference_date) || addDays(row.reference_date, 1) !== from) {
			fail(name, `${row.reference_date}: interest start ${from} is not the next day`);
		}
		const halfYear = halfYearOf(from);
		if (halfYearStart(halfYear) !== from) fail(name, `${from} is not 1 January or 1 July`);
		expectSum(name, halfYear, row.statutory_rate_plus8, row.rate, 8n);
		const confirmed = isConfirmed(row.status);
		return {
			halfYear,
			from,
			to: row.to,
			referenceDate: row.reference_date,
			ratePercent: rate(row.rate, name, halfYear),
			statutoryRatePercent: rate(row.statutory_rate_plus8, name, halfYear),
			status: row.status,
			confirmed,
			source: row.source,
			gap: confirmed ? null : row.source,
		};
	});
	checkContiguous(name, entries);
	return {
		table: name,
		description:
			'Bank of England base rate on the reference date (31 December / 30 June) before the half-year in which interest starts to run',
		kind: 'half-year',
		entries,
	};
}

function tauxLegalFloorCheck(fr, tauxLegal) {
	for (const entry of fr.entries) {
		const legal = tauxLegal.entries.find((row) => row.halfYear === entry.halfYear);
		if (entry.minContractualRatePercent && legal?.ratePercent) {
			const floor = e4(entry.minContractualRatePercent, fr.table, entry.halfYear);
			if (floor !== 3n * e4(legal.ratePercent, tauxLegal.table, entry.halfYear)) {
				fail(fr.table, `${entry.halfYear}: floor ${floor} is not 3 × ${legal.ratePercent}`);
			}
		}
	}
}

function main() {
	const ecb = ecbHistory();
	const fr = ecbSemesterTable(
		'fr_penalty_rate_by_semester',
		'FR (Code de commerce L441-10): ECB MRO rate on 1 January / 1 July (ratePercent) and the default rate + 10 points',
		10n,
		'default_penalty_rate',
		ecb,
		(row) => ({
			minContractualRatePercent: row.min_contractual_rate_3x_taux_legal_pro || null,
			note: row.note || null,
			publishedCheck: row.published_check || null,
		}),
	);
	const eu = ecbSemesterTable(
		'eu_statutory_rate_by_semester_mro_plus8',
		'EU (Directive 2011/7/EU): ECB MRO rate on 1 January / 1 July (ratePercent) and the statutory rate + 8 points',
		8n,
		'mro_plus_8',
		ecb,
		() => ({}),
	);
	const tauxLegal = tauxLegalTable();
	tauxLegalFloorCheck(fr, tauxLegal);
	const tables = [ecb, fr, eu, deTable(), tauxLegal, ukTable()];
	fs.mkdirSync(outDir, { recursive: true });
	for (const table of tables) {
		const json = {
			table: table.table,
			description: table.description,
			kind: table.kind,
			generatedFrom: `${table.table}.csv`,
			generatedBy: 'scripts/rates-build.js',
			entries: table.entries,
		};
		fs.writeFileSync(
			path.join(outDir, `${table.table}.json`),
			`${JSON.stringify(json, null, '\t')}\n`,
		);
		const last = table.entries[table.entries.length - 1];
		const flagged = table.entries.filter((entry) => !entry.confirmed).length;
		console.log(
			`${table.table}: ${table.entries.length} entries, newest ${last.halfYear ?? last.from}, ${flagged} unconfirmed`,
		);
	}
}

main();
