// The Pennylane weekly report on the Dunning Ledger (scripts/workflows/ledger-report.js, issue 22), run by
// n8n-core's engine on a real PostgreSQL (Pennylane and the email replaced by stand-ins): it emails the report
// with the proof of a reminder written through the ledger's own functions. Its wiring: ledger-report-template.test.ts.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { Client } from 'pg';

import { DunningLedgerPostgresApi } from '../../credentials/DunningLedgerPostgresApi.credentials';
import { DunningReport } from '../../nodes/DunningReport/DunningReport.node';
import { DunningLedger } from '../../nodes/services/ledger';
import { ledgerReportWorkflows } from '../../scripts/workflows/ledger-report';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { runWorkflow, type WorkflowJson } from '../helpers/run-workflow';
import { makeInvoice } from '../shared/invoice-factory';

jest.setTimeout(60_000);

const [{ file, workflow }] = ledgerReportWorkflows();

/** Stand-in for Pennylane Dunning: emits the invoices of the test. */
class PennylaneStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pennylane (stand-in)',
		name: 'pennylaneDunning',
		group: ['transform'],
		version: 1,
		description: 'Emits fixed invoices',
		defaults: { name: 'Pennylane' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(): Promise<INodeExecutionData[][]> {
		return [listed.map((invoice) => ({ json: { invoice }, pairedItem: { item: 0 } }))];
	}
}

interface SentMail {
	node: string;
	to: string;
	html: string;
	files: Record<string, string>;
}
let mails: SentMail[] = [];

/** Stand-in for Send Email: records the recipient, the HTML and the files it would attach. */
class EmailStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send Email (stand-in)',
		name: 'emailSend',
		group: ['output'],
		version: [2, 2.1],
		description: 'Records emails',
		defaults: { name: 'Send Email' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'From', name: 'fromEmail', type: 'string', default: '' },
			{ displayName: 'To', name: 'toEmail', type: 'string', default: '' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
			{ displayName: 'Format', name: 'emailFormat', type: 'string', default: 'html' },
			{ displayName: 'HTML', name: 'html', type: 'string', default: '' },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'Attribution', name: 'appendAttribution', type: 'boolean', default: true },
					{ displayName: 'Files', name: 'fileAttachments', type: 'string', default: '' },
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		items.forEach((item, index) => {
			const options = this.getNodeParameter('options', index, {}) as { fileAttachments?: string };
			const files: Record<string, string> = {};
			for (const name of (options.fileAttachments ?? '').split(',').map((part) => part.trim())) {
				if (name === '') continue;
				const binary = this.helpers.assertBinaryData(index, name);
				files[name] = Buffer.from(binary.data, 'base64').toString('utf8');
			}
			mails.push({
				node: this.getNode().name,
				to: this.getNodeParameter('toEmail', index) as string,
				html: this.getNodeParameter('html', index) as string,
				files,
			});
		});
		return [items.map((item, index) => ({ json: {}, pairedItem: { item: index } }))];
	}
}

let listed: object[] = [];
let server: TestPostgres;

beforeAll(async () => {
	server = await startPostgres();
});
afterAll(async () => {
	await server?.stop();
});

/** The template without what the harness cannot run: the schedule trigger and the sticky notes. */
function runnable(json: WorkflowJson): WorkflowJson {
	const dropped = new Set(
		json.nodes
			.filter((node) =>
				['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.stickyNote'].includes(node.type),
			)
			.map((node) => node.name),
	);
	const kept = Object.fromEntries(
		Object.entries(json.connections).filter(([from]) => !dropped.has(from)),
	);
	return {
		...json,
		nodes: json.nodes.filter((node) => !dropped.has(node.name)),
		connections: kept,
	};
}

describe(`${file}: run on a real PostgreSQL ledger`, () => {
	beforeEach(() => {
		mails = [];
	});

	it('emails the finance team the report with the proof of the reminder sent, and alerts nobody', async () => {
		const prefix = `tpl_${process.pid}`;
		const client = new Client({ connectionString: server.connectionString });
		await client.connect();
		try {
			const ledger = new DunningLedger(
				async (sql, params) => (await client.query(sql, params)).rows,
				{
					tablePrefix: prefix,
				},
			);
			const key = { source: 'pennylane', invoiceId: 'PL-1', stepId: 'd7' };
			await ledger.claimStep(key, 'exec-7');
			await ledger.markSent(key, {
				executionId: 'exec-7',
				channel: 'email',
				address: 'compta@client.example',
				message: 'Relance J+7',
				sentAt: new Date('2026-11-09T09:00:00Z'),
			});
		} finally {
			await client.end();
		}
		listed = [
			{ ...makeInvoice({ id: 'PL-1', number: 'F-1', dueDate: '2026-11-02' }), source: 'pennylane' },
			{ ...makeInvoice({ id: 'PL-2', number: 'F-2', dueDate: '2026-11-20' }), source: 'pennylane' },
		];
		const result = await runWorkflow(runnable(workflow as unknown as WorkflowJson), {
			nodeTypes: {
				'n8n-nodes-dunning.pennylaneDunning': new PennylaneStandIn(),
				'n8n-nodes-dunning.dunningReport': new DunningReport(),
				'n8n-nodes-base.emailSend': new EmailStandIn(),
			},
			credentialTypes: [new DunningLedgerPostgresApi()],
			credentials: {
				dunningLedgerPostgresApi: {
					connectWith: 'connectionString',
					connectionString: server.connectionString,
					tablePrefix: prefix,
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(mails.map((mail) => mail.node)).toEqual(['Email The Finance Team']);
		const [mail] = mails;
		expect(mail.to).toBe('finance@example.com');
		expect(mail.html).toContain('<h2>Proof of reminders</h2>');
		expect(mail.html).toContain('compta@client.example');
		expect(Object.keys(mail.files)).toEqual(['data', 'data_dso', 'data_proofs']);
		expect(mail.files.data_proofs.split('\r\n')[1]).toMatch(
			/^PL-1,pennylane,F-1,Atelier Vauclair,d7,sent,.*,exec-7,2026-11-09T09:00:00\.000Z,2026-11-09,exec-7,email,compta@client\.example,[0-9a-f]{64},false$/,
		);
	});
});
