// foldLedgerHistory (issue 22): the Dunning Ledger's rows folded into the report's history, so that a report of
// Pennylane or spreadsheet invoices counts reminders as a Stripe one does, with the proof of each reminder.
import {
	buildDunningReport,
	DunningInputError,
	foldLedgerHistory,
	proofsToCsv,
	renderReportHtml,
	type LedgerEventRow,
	type LedgerHistoryRows,
	type LedgerStepRow,
	type ReportInvoice,
} from '../../../nodes/shared/internal';
import { makeInvoice, type InvoiceOverrides } from '../invoice-factory';

const ZONE = 'Europe/Paris';
const DIGEST = 'a'.repeat(64);

const invoice = (id: string, overrides: InvoiceOverrides = {}): ReportInvoice =>
	makeInvoice({ id, number: `F-${id}`, customer: { id: `cus-${id}` }, ...overrides });

function sent(
	invoiceId: string,
	stepId: string,
	sentAt: string,
	extra: Partial<LedgerStepRow> = {},
) {
	return {
		source: 'generic',
		invoiceId,
		stepId,
		claimedAt: sentAt,
		claimedBy: `exec-${stepId}`,
		sentAt,
		sentBy: `exec-${stepId}`,
		channel: 'email',
		address: `${invoiceId}@example.com`,
		messageSha256: DIGEST,
		messageKept: false,
		...extra,
	} satisfies LedgerStepRow;
}

function claimed(invoiceId: string, stepId: string, claimedAt: string): LedgerStepRow {
	return {
		source: 'generic',
		invoiceId,
		stepId,
		claimedAt,
		claimedBy: 'exec-crashed',
		sentAt: null,
		sentBy: null,
		channel: null,
		address: null,
		messageSha256: null,
	};
}

let eventId = 0;
function event(invoiceId: string, kind: string, detail: Record<string, unknown> | null = null) {
	eventId += 1;
	return {
		id: eventId,
		source: 'generic',
		invoiceId,
		stepId: kind === 'state' ? null : 'd7',
		kind,
		at: '2026-11-10T08:00:00.000Z',
		executionId: 'exec-x',
		detail,
	} satisfies LedgerEventRow;
}

const rows = (partial: Partial<LedgerHistoryRows>): LedgerHistoryRows => ({
	steps: [],
	states: [],
	events: [],
	...partial,
});

describe('foldLedgerHistory: reminders sent', () => {
	it('gives sent steps oldest first, each dated on its sending day in the time zone, and lastSentOn the last day', () => {
		const [folded] = foldLedgerHistory(
			[invoice('a')],
			rows({
				steps: [
					// 23:30 UTC on 11-15 is 00:30 on 11-16 in Paris
					sent('a', 'd14', '2026-11-15T23:30:00.123456+00:00'),
					sent('a', 'd7', '2026-11-09T10:00:00+01:00'),
				],
			}),
			ZONE,
		);
		expect(folded.dunning.sentStepIds).toEqual(['d7', 'd14']);
		expect(folded.dunning.history).toEqual([
			{ stepId: 'd7', sentOn: '2026-11-09' },
			{ stepId: 'd14', sentOn: '2026-11-16' },
		]);
		expect(folded.dunning.lastSentOn).toBe('2026-11-16');
	});

	it('keeps the proof of each reminder: claimed and sent instants in UTC, execution, channel, address, digest', () => {
		const [folded] = foldLedgerHistory(
			[invoice('a')],
			rows({
				steps: [
					sent('a', 'd7', '2026-11-09T10:00:05+01:00', {
						claimedAt: '2026-11-09T10:00:00+01:00',
						claimedBy: 'exec-41',
						sentBy: 'exec-41',
						messageKept: true,
					}),
				],
			}),
			ZONE,
		);
		expect(folded.dunning.ledger).toEqual({
			proofs: [
				{
					stepId: 'd7',
					claimedAt: '2026-11-09T09:00:00.000Z',
					claimedBy: 'exec-41',
					sentAt: '2026-11-09T09:00:05.000Z',
					sentOn: '2026-11-09',
					sentBy: 'exec-41',
					channel: 'email',
					address: 'a@example.com',
					messageSha256: DIGEST,
					messageKept: true,
				},
			],
			unsentClaims: [],
			releasedClaims: 0,
		});
	});

	it('gives an invoice without ledger rows no reminder, even when its own state listed some', () => {
		const own = invoice('none', {
			dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-09' },
		});
		const [folded] = foldLedgerHistory(
			[own],
			rows({ steps: [sent('a', 'd7', '2026-11-09T10:00:00Z')] }),
			ZONE,
		);
		expect(folded.dunning).toMatchObject({
			sentStepIds: [],
			lastSentOn: null,
			history: [],
			ledger: { proofs: [], unsentClaims: [], releasedClaims: 0 },
		});
	});

	it('matches rows by source and invoice id: the same id under another source is another invoice', () => {
		const [folded] = foldLedgerHistory(
			[invoice('a')],
			rows({ steps: [sent('a', 'd7', '2026-11-09T10:00:00Z', { source: 'pennylane' })] }),
			ZONE,
		);
		expect(folded.dunning.sentStepIds).toEqual([]);
	});
});

describe('foldLedgerHistory: claims that are not reminders sent', () => {
	it('lists a claim never marked sent as an unsent claim, not as a reminder', () => {
		const [folded] = foldLedgerHistory(
			[invoice('a')],
			rows({
				steps: [
					sent('a', 'd7', '2026-11-09T10:00:00Z'),
					claimed('a', 'd14', '2026-11-16T09:00:00.5+00:00'),
				],
			}),
			ZONE,
		);
		expect(folded.dunning.sentStepIds).toEqual(['d7']);
		expect(folded.dunning.history).toEqual([{ stepId: 'd7', sentOn: '2026-11-09' }]);
		expect(folded.dunning.ledger?.unsentClaims).toEqual([
			{ stepId: 'd14', claimedAt: '2026-11-16T09:00:00.500Z', claimedBy: 'exec-crashed' },
		]);
	});

	it('counts released claims apart: a step released then sent again is one reminder', () => {
		const [folded] = foldLedgerHistory(
			[invoice('a')],
			rows({
				steps: [sent('a', 'd7', '2026-11-10T10:00:00Z')],
				events: [event('a', 'claimed'), event('a', 'released'), event('a', 'released')],
			}),
			ZONE,
		);
		expect(folded.dunning.sentStepIds).toEqual(['d7']);
		expect(folded.dunning.ledger?.proofs).toHaveLength(1);
		expect(folded.dunning.ledger?.releasedClaims).toBe(2);
	});

	it('counts neither an unsent nor a released claim in the per-step KPIs of the report', () => {
		const book = foldLedgerHistory(
			[invoice('a'), invoice('b')],
			rows({
				steps: [
					sent('a', 'd7', '2026-11-09T10:00:00Z'),
					claimed('b', 'd7', '2026-11-09T10:00:00Z'),
				],
				events: [event('a', 'released')],
			}),
			ZONE,
		);
		const report = buildDunningReport(book, { asOf: '2026-11-26' });
		expect(report.steps).toEqual([expect.objectContaining({ stepId: 'd7', sent: 1, dated: 1 })]);
		expect(report.history).toEqual({ sentSteps: 1, datedSteps: 1 });
	});
});

describe('foldLedgerHistory: promise, dispute and pause', () => {
	it("takes the ledger's state when it has a state row, with every promise its state events recorded", () => {
		const [folded] = foldLedgerHistory(
			[invoice('a', { dunning: { disputed: false } })],
			rows({
				states: [
					{
						source: 'generic',
						invoiceId: 'a',
						promisedOn: '2026-11-30',
						disputed: true,
						paused: true,
					},
				],
				events: [
					event('a', 'state', { promisedOn: '2026-11-20' }),
					event('a', 'state', { disputed: true }),
					event('a', 'state', { promisedOn: '2026-11-30' }),
					event('a', 'state', { promisedOn: '2026-11-20' }),
				],
			}),
			ZONE,
		);
		expect(folded.dunning).toMatchObject({
			promisedOn: '2026-11-30',
			disputed: true,
			paused: true,
			promises: ['2026-11-20', '2026-11-30'],
		});
	});

	it("keeps the invoice's own promise and dispute when the ledger has no state row for it", () => {
		const own = invoice('a', { dunning: { disputed: true, promisedOn: '2026-12-01' } });
		const [folded] = foldLedgerHistory(
			[{ ...own, dunning: { ...own.dunning, promises: ['2026-11-20', '2026-12-01'] } }],
			rows({
				states: [
					{ source: 'generic', invoiceId: 'b', promisedOn: null, disputed: false, paused: false },
				],
			}),
			ZONE,
		);
		expect(folded.dunning).toMatchObject({
			disputed: true,
			promisedOn: '2026-12-01',
			promises: ['2026-11-20', '2026-12-01'],
		});
	});

	it("drops the invoice's own promises list when the ledger's state row recorded none", () => {
		const own = invoice('a');
		const [folded] = foldLedgerHistory(
			[{ ...own, dunning: { ...own.dunning, promises: ['2026-11-20'] } }],
			rows({
				states: [
					{ source: 'generic', invoiceId: 'a', promisedOn: null, disputed: false, paused: false },
				],
			}),
			ZONE,
		);
		expect(folded.dunning.promises).toBeUndefined();
		expect(folded.dunning.promisedOn).toBeNull();
	});
});

describe('foldLedgerHistory: bad input is a DunningInputError naming the field', () => {
	const cases: Array<[string, () => unknown, string]> = [
		[
			'a sent step without its digest',
			() =>
				foldLedgerHistory(
					[invoice('a')],
					rows({ steps: [sent('a', 'd7', '2026-11-09T10:00:00Z', { messageSha256: null })] }),
					ZONE,
				),
			'rows.steps[0].messageSha256',
		],
		[
			'a digest that is not SHA-256 hex',
			() =>
				foldLedgerHistory(
					[],
					rows({ steps: [sent('a', 'd7', '2026-11-09T10:00:00Z', { messageSha256: 'ABC' })] }),
					ZONE,
				),
			'rows.steps[0].messageSha256',
		],
		[
			'a sending instant that is not one',
			() =>
				foldLedgerHistory(
					[],
					rows({ steps: [sent('a', 'd7', 'yesterday', { claimedAt: '2026-11-09T10:00:00Z' })] }),
					ZONE,
				),
			'rows.steps[0].sentAt',
		],
		[
			'a claim without its execution',
			() =>
				foldLedgerHistory(
					[],
					rows({
						steps: [
							{ ...claimed('a', 'd7', '2026-11-09T10:00:00Z'), claimedBy: 7 as unknown as string },
						],
					}),
					ZONE,
				),
			'rows.steps[0].claimedBy',
		],
		[
			'a state row whose promise is no date',
			() =>
				foldLedgerHistory(
					[],
					rows({
						states: [
							{
								source: 'generic',
								invoiceId: 'a',
								promisedOn: '30/11/2026',
								disputed: false,
								paused: false,
							},
						],
					}),
					ZONE,
				),
			'rows.states[0].promisedOn',
		],
		[
			'events that are not a list',
			() =>
				foldLedgerHistory(
					[],
					{ steps: [], states: [], events: null } as unknown as LedgerHistoryRows,
					ZONE,
				),
			'rows.events',
		],
		[
			'rows that are not an object',
			() => foldLedgerHistory([], null as unknown as LedgerHistoryRows, ZONE),
			'rows',
		],
		[
			'an invoice without an id',
			() =>
				foldLedgerHistory(
					[{ ...invoice('a'), id: undefined } as unknown as ReportInvoice],
					rows({}),
					ZONE,
				),
			'invoices[0].id',
		],
		[
			'a time zone that is not one',
			() => foldLedgerHistory([], rows({}), 'Mars/Olympus'),
			'timezone',
		],
	];
	it.each(cases)('%s', (_title, call, field) => {
		expect(call).toThrow(DunningInputError);
		try {
			call();
		} catch (error) {
			expect((error as DunningInputError).field).toBe(field);
		}
	});
});

describe('the report of a book folded from the ledger', () => {
	const ledgerRows = rows({
		steps: [
			sent('a', 'd7', '2026-10-19T09:00:00Z'),
			sent('a', 'd14', '2026-10-26T09:00:00Z', { channel: 'sms', address: '+33612345678' }),
			sent('c', 'd7', '2026-10-08T09:00:00Z'),
			claimed('b', 'd7', '2026-11-20T09:00:00Z'),
		],
		events: [event('c', 'released')],
	});
	const plain = [
		invoice('a', { totalMinor: 1000_00, dueMinor: 1000_00, dueDate: '2026-10-12' }),
		invoice('b', { totalMinor: 500_00, dueMinor: 500_00, dueDate: '2026-08-18' }),
		invoice('c', {
			status: 'paid',
			totalMinor: 200_00,
			paidMinor: 200_00,
			dueMinor: 0,
			dueDate: '2026-10-01',
			payments: [{ date: '2026-10-11', amountMinor: 200_00 }],
		}),
	];
	const fromLedger = buildDunningReport(foldLedgerHistory(plain, ledgerRows, ZONE), {
		asOf: '2026-11-26',
	});

	it('shows the same per-step figures and last step as the same history given on the invoices (as Stripe metadata would give it)', () => {
		const withHistory = plain.map((entry) => ({
			...entry,
			dunning: {
				...entry.dunning,
				history:
					entry.id === 'a'
						? [
								{ stepId: 'd7', sentOn: '2026-10-19' },
								{ stepId: 'd14', sentOn: '2026-10-26' },
							]
						: entry.id === 'c'
							? [{ stepId: 'd7', sentOn: '2026-10-08' }]
							: [],
			},
		}));
		const fromInvoices = buildDunningReport(withHistory, { asOf: '2026-11-26' });
		expect(fromLedger.steps).toEqual(fromInvoices.steps);
		expect(fromLedger.history).toEqual(fromInvoices.history);
		expect(fromLedger.openInvoices.map((line) => [line.invoiceId, line.lastStepId])).toEqual(
			fromInvoices.openInvoices.map((line) => [line.invoiceId, line.lastStepId]),
		);
		expect(fromLedger.openInvoices.find((line) => line.invoiceId === 'a')?.lastStepId).toBe('d14');
		expect(fromInvoices).not.toHaveProperty('proofs');
	});

	it('lists per invoice, in the order read, its proofs, unsent claims and released claims', () => {
		expect(
			fromLedger.proofs?.map((entry) => ({
				invoiceId: entry.invoiceId,
				number: entry.number,
				steps: entry.proofs.map((proof) => `${proof.stepId}:${proof.channel}:${proof.address}`),
				unsent: entry.unsentClaims.map((claim) => claim.stepId),
				released: entry.releasedClaims,
			})),
		).toEqual([
			{
				invoiceId: 'a',
				number: 'F-a',
				steps: ['d7:email:a@example.com', 'd14:sms:+33612345678'],
				unsent: [],
				released: 0,
			},
			{ invoiceId: 'b', number: 'F-b', steps: [], unsent: ['d7'], released: 0 },
			{ invoiceId: 'c', number: 'F-c', steps: ['d7:email:c@example.com'], unsent: [], released: 1 },
		]);
	});

	it('renders the proof of reminders in the HTML: unsent claims first, then reminders newest first, with digest and execution', () => {
		const html = renderReportHtml(fromLedger);
		const section = html.slice(html.indexOf('<h2>Proof of reminders</h2>'));
		expect(section).toContain('3 reminders sent on 2 invoices; 1 claim not sent; 1 claim released');
		const order = [
			'claimed, not sent',
			'2026-10-26 09:00:00 UTC',
			'2026-10-19 09:00:00 UTC',
			'2026-10-08 09:00:00 UTC',
		];
		const positions = order.map((text) => section.indexOf(text));
		expect(positions.every((position) => position > 0)).toBe(true);
		expect([...positions].sort((x, y) => x - y)).toEqual(positions);
		expect(section).toContain(DIGEST);
		expect(section).toContain('exec-d14');
		expect(renderReportHtml(fromLedger, { proofLimit: 1 })).toContain(
			'3 more in the proofs CSV attachment',
		);
	});

	it('has no proof section in the HTML of a report whose history came from the invoices', () => {
		const html = renderReportHtml(buildDunningReport(plain, { asOf: '2026-11-26' }));
		expect(html).not.toContain('Proof of reminders');
	});

	it('writes one CSV row per reminder sent and per claim not sent', () => {
		const lines = proofsToCsv(fromLedger).trimEnd().split('\r\n');
		expect(lines[0]).toBe(
			'invoice_id,source,number,customer,step,status,claimed_at,claimed_by,sent_at,sent_on,sent_by,channel,address,message_sha256,message_kept',
		);
		expect(
			lines
				.slice(1)
				.map((line) => line.split(',').slice(0, 6).concat(line.split(',')[12]).join(',')),
		).toEqual([
			'a,generic,F-a,Atelier Vauclair,d7,sent,a@example.com',
			"a,generic,F-a,Atelier Vauclair,d14,sent,'+33612345678",
			'b,generic,F-b,Atelier Vauclair,d7,claimed_not_sent,',
			'c,generic,F-c,Atelier Vauclair,d7,sent,c@example.com',
		]);
		expect(
			proofsToCsv(buildDunningReport(plain, { asOf: '2026-11-26' })).split('\r\n'),
		).toHaveLength(2);
	});
});
