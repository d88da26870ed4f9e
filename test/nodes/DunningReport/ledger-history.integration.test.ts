// Dunning Report with History From: Dunning Ledger (issue 22), run by n8n-core's engine on a real PostgreSQL
// (test/helpers/postgres.ts): reminders claimed and sent through the ledger's own functions feed the report's
// per-step counts, last steps, promises and disputes, and its proof of each reminder, read in one query.
import { Client, Pool } from 'pg';

import { DunningLedgerPostgresApi } from '../../../credentials/DunningLedgerPostgresApi.credentials';
import { DunningReport } from '../../../nodes/DunningReport/DunningReport.node';
import { DunningLedger, messageDigest } from '../../../nodes/services/ledger';
import type { DunningReport as Report, Invoice } from '../../../nodes/shared/internal';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';
import { runWorkflow } from '../../helpers/run-workflow';
import { makeInvoice } from '../../shared/invoice-factory';

jest.setTimeout(60_000);

const AS_OF = '2026-11-26';
const ZONE = 'Europe/Paris';

let server: TestPostgres;
let client: Client;

beforeAll(async () => {
	server = await startPostgres();
	client = new Client({ connectionString: server.connectionString });
	await client.connect();
});
afterAll(async () => {
	await client?.end();
	await server?.stop();
});

let prefixes = 0;
function freshPrefix() {
	prefixes += 1;
	return `report_t${prefixes}_${process.pid}`;
}

const ledgerOn = (prefix: string) =>
	new DunningLedger(async (sql, params) => (await client.query(sql, params)).rows, {
		tablePrefix: prefix,
	});

const step = (invoiceId: string, stepId: string) => ({ source: 'pennylane', invoiceId, stepId });

/** Claim, then mark sent at `sentAt` with the claiming execution: what the ledger templates do around an email. */
async function remind(
	ledger: DunningLedger,
	invoiceId: string,
	stepId: string,
	execution: string,
	sentAt: string,
	channel = 'email',
) {
	const claim = await ledger.claimStep(step(invoiceId, stepId), execution);
	expect(claim.claimed).toBe(true);
	await ledger.markSent(step(invoiceId, stepId), {
		executionId: execution,
		channel,
		address: channel === 'sms' ? '+33612345678' : `${invoiceId}@example.com`,
		message: `Relance ${stepId} de la facture ${invoiceId}`,
		sentAt: new Date(sentAt),
	});
}

const pennylane = (id: string, overrides: Parameters<typeof makeInvoice>[0] = {}) =>
	({
		...makeInvoice({
			id,
			number: `PL-${id}`,
			customer: { id: `cus-${id}`, name: `Client ${id}` },
			...overrides,
		}),
		source: 'pennylane',
	}) as unknown as Invoice;

const book = [
	pennylane('P1', { totalMinor: 1000_00, dueMinor: 1000_00, dueDate: '2026-10-12' }),
	pennylane('P2', { totalMinor: 500_00, dueMinor: 500_00, dueDate: '2026-10-05' }),
	pennylane('P3', {
		status: 'paid',
		totalMinor: 200_00,
		paidMinor: 200_00,
		dueMinor: 0,
		dueDate: '2026-10-01',
		payments: [{ date: '2026-10-11', amountMinor: 200_00 }],
	}),
	pennylane('P4', { totalMinor: 300_00, dueMinor: 300_00, dueDate: '2026-11-20' }),
];

/** P1 reminded at d7 (email) and d14 (SMS); P2 claimed but never sent, with a promise and a dispute; P3's first
 * claim released, then d7 sent; P4 never reminded; another invoice of the ledger is not in the report. */
async function writeLedger(prefix: string) {
	const ledger = ledgerOn(prefix);
	await remind(ledger, 'P1', 'd7', 'exec-1', '2026-10-19T09:00:00Z');
	await remind(ledger, 'P1', 'd14', 'exec-2', '2026-10-26T09:00:00Z', 'sms');
	await ledger.claimStep(step('P2', 'd7'), 'exec-3');
	await ledger.setState('pennylane', 'P2', { promisedOn: '2026-11-20' }, 'exec-reply');
	await ledger.setState(
		'pennylane',
		'P2',
		{ promisedOn: '2026-12-05', disputed: true },
		'exec-reply',
	);
	await ledger.claimStep(step('P3', 'd7'), 'exec-4');
	expect(await ledger.releaseClaim(step('P3', 'd7'), { reason: 'smtp refused' })).toBe(true);
	await remind(ledger, 'P3', 'd7', 'exec-5', '2026-10-08T09:00:00Z');
	await remind(ledger, 'elsewhere', 'd7', 'exec-6', '2026-11-01T09:00:00Z');
}

const nodeTypes = { 'n8n-nodes-dunning.dunningReport': new DunningReport() };

function runReport(items: unknown[], parameters: Record<string, unknown>, prefix?: string) {
	return runWorkflow(
		itemsIntoNode(items, {
			name: 'Dunning Report',
			type: 'n8n-nodes-dunning.dunningReport',
			parameters: { asOf: AS_OF, timezone: ZONE, ...parameters },
			settings:
				prefix === undefined
					? {}
					: { credentials: { dunningLedgerPostgresApi: { id: '1', name: 'Ledger' } } },
		}),
		{
			nodeTypes,
			credentialTypes: [new DunningLedgerPostgresApi()],
			credentials:
				prefix === undefined
					? {}
					: {
							dunningLedgerPostgresApi: {
								connectWith: 'connectionString',
								connectionString: server.connectionString,
								tablePrefix: prefix,
							},
						},
		},
	);
}

describe('Dunning Report node: History From Dunning Ledger', () => {
	let prefix: string;
	let report: Report;
	let summary: Awaited<ReturnType<typeof runReport>>;

	beforeAll(async () => {
		prefix = freshPrefix();
		await writeLedger(prefix);
		summary = await runReport(
			book.map((invoice) => ({ invoice })),
			{ historyFrom: 'ledger', outputWorklist: true },
			prefix,
		);
		expect(summary.error).toBeUndefined();
		report = summary.jsonOf('Dunning Report', 0)[0].report as unknown as Report;
	});

	it('counts per step only the reminders the ledger marks sent: d7 twice (P1, P3 after its released claim), d14 once', () => {
		expect(report.steps.map((kpi) => [kpi.stepId, kpi.sent, kpi.dated])).toEqual([
			['d7', 2, 2],
			['d14', 1, 1],
		]);
		expect(report.steps[0]).toMatchObject({
			paidAfter: 1,
			medianDaysToPay: 3,
			recovered: 1,
			eligible: 2,
		});
		expect(report.history).toEqual({ sentSteps: 3, datedSteps: 3 });
	});

	it("gives each open invoice its last step and the ledger's promise and dispute", () => {
		const lines = Object.fromEntries(report.openInvoices.map((line) => [line.invoiceId, line]));
		expect(lines.P1).toMatchObject({ lastStepId: 'd14', disputed: false, promisedOn: null });
		expect(lines.P2).toMatchObject({ lastStepId: null, disputed: true, promisedOn: '2026-12-05' });
		expect(lines.P4).toMatchObject({ lastStepId: null });
		// The first promise of P2 (11-20) was broken: both promises come from the ledger's state events.
		expect(report.promises).toMatchObject({ broken: 1, pending: 1 });
		expect(report.disputed.count).toBe(1);
	});

	it('lists the proof of each reminder: claimed and sent instants, execution, channel, address, message digest', () => {
		expect(report.proofs?.map((entry) => entry.invoiceId)).toEqual(['P1', 'P2', 'P3']);
		const [p1, p2, p3] = report.proofs!;
		expect(p1.proofs).toEqual([
			{
				stepId: 'd7',
				claimedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				claimedBy: 'exec-1',
				sentAt: '2026-10-19T09:00:00.000Z',
				sentOn: '2026-10-19',
				sentBy: 'exec-1',
				channel: 'email',
				address: 'P1@example.com',
				messageSha256: messageDigest('Relance d7 de la facture P1'),
				messageKept: false,
			},
			expect.objectContaining({
				stepId: 'd14',
				channel: 'sms',
				address: '+33612345678',
				sentBy: 'exec-2',
			}),
		]);
		expect(p2.proofs).toEqual([]);
		expect(p2.unsentClaims).toEqual([
			{ stepId: 'd7', claimedAt: expect.any(String), claimedBy: 'exec-3' },
		]);
		expect(p3).toMatchObject({
			releasedClaims: 1,
			proofs: [expect.objectContaining({ stepId: 'd7', claimedBy: 'exec-5' })],
		});
	});

	it('shows the proofs in the HTML and in a proofs CSV beside the report CSV', () => {
		const [item] = summary.outputOf('Dunning Report', 0);
		const html = String(item.json.html);
		expect(html).toContain('<h2>Proof of reminders</h2>');
		expect(html).toContain(messageDigest('Relance d14 de la facture P1'));
		expect(html).toContain('claimed, not sent');
		expect(Object.keys(item.binary ?? {}).sort()).toEqual(['data', 'data_dso', 'data_proofs']);
		const csv = Buffer.from(item.binary!.data_proofs.data, 'base64').toString('utf8');
		expect(
			csv
				.trimEnd()
				.split('\r\n')
				.map((line) => line.split(',').slice(0, 6).join(',')),
		).toEqual([
			'invoice_id,source,number,customer,step,status',
			'P1,pennylane,PL-P1,Client P1,d7,sent',
			'P1,pennylane,PL-P1,Client P1,d14,sent',
			'P2,pennylane,PL-P2,Client P2,d7,claimed_not_sent',
			'P3,pennylane,PL-P3,Client P3,d7,sent',
		]);
		expect(item.binary!.data_proofs.fileName).toBe('dunning-proofs-2026-11-26.csv');
	});

	it("puts the ledger's history on the worklist items' invoices", () => {
		const p1 = summary
			.jsonOf('Dunning Report', 1)
			.find((json) => (json.invoice as Invoice).id === 'P1');
		expect((p1?.invoice as Invoice).dunning).toMatchObject({
			sentStepIds: ['d7', 'd14'],
			lastSentOn: '2026-10-26',
		});
	});

	it('gives the same per-step figures as the same history carried by the invoices themselves', async () => {
		const history: Record<string, { stepId: string; sentOn: string }[]> = {
			P1: [
				{ stepId: 'd7', sentOn: '2026-10-19' },
				{ stepId: 'd14', sentOn: '2026-10-26' },
			],
			P3: [{ stepId: 'd7', sentOn: '2026-10-08' }],
		};
		const fromInvoices = await runReport(
			book.map((invoice) => ({ invoice, history: history[invoice.id] ?? [] })),
			{},
		);
		const other = fromInvoices.jsonOf('Dunning Report', 0)[0].report as unknown as Report;
		expect(report.steps).toEqual(other.steps);
		expect(report.history).toEqual(other.history);
	});
});

describe('Dunning Report node: reading the ledger', () => {
	it('reads 30 invoices in one query, not one per invoice', async () => {
		const prefix = freshPrefix();
		const ledger = ledgerOn(prefix);
		await remind(ledger, 'Q7', 'd7', 'exec-1', '2026-11-09T09:00:00Z');
		const items = Array.from({ length: 30 }, (_, index) => ({ invoice: pennylane(`Q${index}`) }));
		const queries = jest.spyOn(Pool.prototype, 'query');
		try {
			const result = await runReport(items, { historyFrom: 'ledger' }, prefix);
			expect(result.error).toBeUndefined();
			expect(queries).toHaveBeenCalledTimes(1);
			const report = result.jsonOf('Dunning Report', 0)[0].report as unknown as Report;
			expect(report.proofs?.map((entry) => entry.invoiceId)).toEqual(['Q7']);
		} finally {
			queries.mockRestore();
		}
	});

	it('stops with the missing tables named when the Table Prefix names no ledger', async () => {
		const result = await runReport(
			[{ invoice: pennylane('X') }],
			{ historyFrom: 'ledger' },
			'no_such_ledger',
		);
		expect(result.error?.message).toMatch(
			/no ledger tables no_such_ledger_steps, no_such_ledger_state, no_such_ledger_events/,
		);
	});

	it('lists an empty proof section when the ledger holds nothing for the invoices', async () => {
		const prefix = freshPrefix();
		await ledgerOn(prefix).ensureSchema();
		const result = await runReport(
			[{ invoice: pennylane('E') }],
			{ historyFrom: 'ledger' },
			prefix,
		);
		const [item] = result.outputOf('Dunning Report', 0);
		expect((item.json.report as unknown as Report).proofs).toEqual([]);
		expect(String(item.json.html)).toContain(
			'The Dunning Ledger holds no reminder for these invoices.',
		);
	});
});
