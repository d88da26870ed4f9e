import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	classifyReply,
	REPLY_KINDS,
	type Invoice,
	type InboundEmail,
	type ReplyClassification,
	type ReplyKind,
} from '../../nodes/shared/internal';

/** One reply of the corpus with what the classifier must answer. */
export interface CorpusCase {
	id: string;
	language: 'fr' | 'en' | 'de' | 'es';
	note?: string;
	/** The company's time zone for this case (default Europe/Paris). */
	timezone?: string;
	languageHint?: string;
	email: InboundEmail;
	expected: {
		kind: ReplyKind;
		promisedOn?: string;
		/** A part of the dispute sentence that `reason` must contain. */
		reason?: string;
		paymentReference?: string | null;
		invoiceIds?: string[];
	};
	/**
	 * What a person reading the reply would decide, when the rules cannot get it and the case is therefore
	 * expected as `needs_person` (never silently wrong). Absent: the same as `expected.kind`.
	 */
	truth?: ReplyKind;
}

export interface CaseResult {
	case: CorpusCase;
	actual: ReplyClassification;
	/** Differences from `expected`; empty when the case passes. */
	failures: string[];
}

const CORPUS_DIR = join(__dirname, 'corpus');

interface CandidateRow {
	id: string;
	number: string;
	email: string;
	name: string;
	locale: string;
	totalMinor: number;
}

/** The open invoices every reply of the corpus is classified against. */
export function corpusInvoices(): Invoice[] {
	const rows = JSON.parse(
		readFileSync(join(CORPUS_DIR, 'invoices.json'), 'utf8'),
	) as CandidateRow[];
	return rows.map((row) => ({
		id: row.id,
		source: 'generic',
		number: row.number,
		status: 'open',
		currency: 'EUR',
		totalMinor: row.totalMinor,
		paidMinor: 0,
		dueMinor: row.totalMinor,
		issueDate: '2026-10-03',
		dueDate: '2026-11-02',
		customer: {
			id: row.id.replace('inv', 'cus'),
			name: row.name,
			email: row.email,
			locale: row.locale,
			tags: [],
		},
		paymentUrl: null,
		pdfUrl: null,
		payments: [],
		dunning: {
			sentStepIds: ['d7'],
			lastSentOn: '2026-11-20',
			promisedOn: null,
			disputed: false,
			paused: false,
		},
	}));
}

export function loadCorpus(): CorpusCase[] {
	return readdirSync(CORPUS_DIR)
		.filter((name) => name.endsWith('.json') && name !== 'invoices.json')
		.sort()
		.flatMap((name) => JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')) as CorpusCase[]);
}

export function runCase(item: CorpusCase, invoices: Invoice[]): CaseResult {
	const actual = classifyReply(
		{ email: item.email, invoices },
		{
			timezone: item.timezone ?? 'Europe/Paris',
			now: '2027-01-15T12:00:00Z',
			language: item.languageHint ?? null,
		},
	);
	const { expected } = item;
	const failures: string[] = [];
	const differ = (field: string, want: unknown, got: unknown) =>
		failures.push(`${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
	if (actual.kind !== expected.kind) differ('kind', expected.kind, actual.kind);
	if (expected.kind === 'promise' && actual.promisedOn !== (expected.promisedOn ?? null)) {
		differ('promisedOn', expected.promisedOn, actual.promisedOn);
	}
	if (expected.reason !== undefined && !(actual.reason ?? '').includes(expected.reason)) {
		differ('reason', expected.reason, actual.reason);
	}
	if (
		expected.paymentReference !== undefined &&
		actual.paymentReference !== expected.paymentReference
	) {
		differ('paymentReference', expected.paymentReference, actual.paymentReference);
	}
	if (expected.invoiceIds !== undefined && !sameList(actual.invoiceIds, expected.invoiceIds)) {
		differ('invoiceIds', expected.invoiceIds, actual.invoiceIds);
	}
	if (actual.language !== item.language) differ('language', item.language, actual.language);
	return { case: item, actual, failures };
}

export function runCorpus(): CaseResult[] {
	const invoices = corpusInvoices();
	return loadCorpus().map((item) => runCase(item, invoices));
}

function sameList(actual: string[], expected: string[]): boolean {
	return (
		actual.length === expected.length &&
		[...actual].sort().join('\n') === [...expected].sort().join('\n')
	);
}

export interface AccuracyRow {
	kind: ReplyKind;
	language: string;
	cases: number;
	/** Replies whose decision (and promised date) is what a person would decide (`truth`). */
	right: number;
	/** Replies the rules left to a person although a person would have decided otherwise. */
	leftToPerson: number;
	/** Replies decided otherwise than a person would, and not left to a person: should stay 0. */
	wrong: number;
}

/** Accuracy per true kind and language, against what a person would decide (`truth`). */
export function accuracy(results: CaseResult[]): AccuracyRow[] {
	const rows = new Map<string, AccuracyRow>();
	for (const { case: item, actual } of results) {
		const truth = item.truth ?? item.expected.kind;
		const key = `${truth}/${item.language}`;
		let row = rows.get(key);
		if (!row) {
			row = { kind: truth, language: item.language, cases: 0, right: 0, leftToPerson: 0, wrong: 0 };
			rows.set(key, row);
		}
		row.cases++;
		const dateRight =
			truth !== 'promise' || actual.promisedOn === (item.expected.promisedOn ?? actual.promisedOn);
		if (actual.kind === truth && dateRight) row.right++;
		else if (actual.kind === 'needs_person') row.leftToPerson++;
		else row.wrong++;
	}
	const order = (row: AccuracyRow) =>
		REPLY_KINDS.indexOf(row.kind) * 10 + ['fr', 'en', 'de', 'es'].indexOf(row.language);
	return [...rows.values()].sort((a, b) => order(a) - order(b));
}
