import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { invoiceForOutput } from '../../common/invoice-input';
import {
	buildDunningReport,
	dateInTimeZone,
	dsoToCsv,
	proofsToCsv,
	renderReportHtml,
	reportToCsv,
	type Invoice,
} from '../../shared/internal';
import { ITEMS, SUMMARY, allItems, readBook, readTimezone } from './book';
import {
	HISTORY_FROM_LEDGER,
	historyFrom,
	historyFromProperty,
	withLedgerHistory,
} from './ledger-history';

export const OPERATION = 'buildReport';

export const description: INodeProperties[] = [
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-11-26',
		displayOptions: { show: { operation: [OPERATION] } },
		description: 'Day the report describes (YYYY-MM-DD). Empty: today in the time zone below.',
	},
	historyFromProperty(OPERATION),
	{
		displayName: 'Output Worklist Items',
		name: 'outputWorklist',
		type: 'boolean',
		default: false,
		displayOptions: { show: { operation: [OPERATION] } },
		description:
			'Whether to also output one item per open invoice on the Items output, highest priority first',
	},
	{
		displayName: 'History Field',
		name: 'historyField',
		type: 'string',
		default: 'history',
		displayOptions: { show: { operation: [OPERATION], historyFrom: ['invoices'] } },
		description:
			"Item field (dot path) holding the dated reminder history, a list of { stepId, sentOn }; else the invoice's dunning.history. Needed for the per-step KPIs of Stripe invoices (QuickBooks notes carry the dates).",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: [OPERATION] } },
		options: [
			{
				displayName: 'CSV File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. dunning-report.csv',
				description:
					'Name of the CSV attachment. Empty: dunning-report-YYYY-MM-DD.csv (the As Of day).',
			},
			{
				displayName: 'DSO Period (Days)',
				name: 'dsoDays',
				type: 'number',
				default: 90,
				typeOptions: { minValue: 1 },
				description:
					'Days sales outstanding (average method: receivables at As Of ÷ credit sales of the period × days) is measured over this many days ending on As Of. No figure when nothing was invoiced in the period or no invoice read shows a payment.',
			},
			{
				displayName: 'Proof Lines in HTML',
				name: 'proofLimit',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 0 },
				description:
					'With History From Dunning Ledger: how many lines of the proof of reminders the HTML report shows, newest first (the proofs CSV has them all)',
			},
			{
				displayName: 'Put CSV in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description:
					'Binary field of the summary item that holds the CSV attachment (the DSO per currency, with its definition, is in the same name followed by _dso)',
			},
			{
				displayName: 'Recovery Window (Days)',
				name: 'recoveryWindowDays',
				type: 'number',
				default: 14,
				typeOptions: { minValue: 0 },
				description:
					'A reminder counts as recovered when the invoice is paid in full within this many days',
			},
			{
				displayName: 'Report Title',
				name: 'title',
				type: 'string',
				default: 'Dunning report',
			},
			{
				displayName: 'VIP Tags',
				name: 'vipTags',
				type: 'string',
				default: 'vip, strategic',
				description: 'Comma-separated customer tags that add 10 points to the priority score',
			},
			{
				displayName: 'Worklist Lines in HTML',
				name: 'worklistLimit',
				type: 'number',
				default: 25,
				typeOptions: { minValue: 0 },
				description: 'How many worklist lines the HTML report shows (the CSV has them all)',
			},
		],
	},
];

interface ReportOptionsParameter {
	fileName?: string;
	dsoDays?: number;
	binaryPropertyName?: string;
	recoveryWindowDays?: number;
	title?: string;
	vipTags?: string;
	worklistLimit?: number;
	proofLimit?: number;
}

function splitTags(value: string): string[] {
	return value
		.split(',')
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
}

/** Build Report: the report (JSON, HTML, CSV and DSO CSV) on Summary, optionally the worklist on Items. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const timezone = readTimezone(this);
	const fromLedger = historyFrom(this) === HISTORY_FROM_LEDGER;
	const read = await readBook(this, timezone, !fromLedger);
	const book = fromLedger ? await withLedgerHistory(this, read, timezone) : read;
	const options = this.getNodeParameter('options', 0, {}) as ReportOptionsParameter;
	const asOfParameter = (this.getNodeParameter('asOf', 0, '') as string).trim();
	const asOf = asOfParameter || dateInTimeZone(Date.now(), timezone);
	const report = buildDunningReport(book.invoices, {
		asOf,
		recoveryWindowDays: options.recoveryWindowDays,
		dsoDays: options.dsoDays,
		vipTags: options.vipTags === undefined ? undefined : splitTags(options.vipTags),
	});
	const html = renderReportHtml(report, {
		title: options.title || undefined,
		worklistLimit: options.worklistLimit,
		proofLimit: options.proofLimit,
	});
	const csv = await this.helpers.prepareBinaryData(
		Buffer.from(reportToCsv(report), 'utf8'),
		options.fileName?.trim() || `dunning-report-${report.asOf}.csv`,
		'text/csv',
	);
	// DSO with its definition, or the reason there is none, per currency (issue 19, #12).
	const dsoCsv = await this.helpers.prepareBinaryData(
		Buffer.from(dsoToCsv(report), 'utf8'),
		`dunning-dso-${report.asOf}.csv`,
		'text/csv',
	);
	const binaryName = options.binaryPropertyName?.trim() || 'data';
	const binary = { [binaryName]: csv, [`${binaryName}_dso`]: dsoCsv };
	if (report.proofs !== undefined) {
		// The proof of reminders read from the ledger, one row per reminder sent or claim not sent (issue 22).
		binary[`${binaryName}_proofs`] = await this.helpers.prepareBinaryData(
			Buffer.from(proofsToCsv(report), 'utf8'),
			`dunning-proofs-${report.asOf}.csv`,
			'text/csv',
		);
	}
	const outputs: INodeExecutionData[][] = [[], []];
	outputs[SUMMARY].push({
		json: { report: report as unknown as IDataObject, html, errors: book.errors },
		binary,
		pairedItem: allItems(this),
	});
	if (this.getNodeParameter('outputWorklist', 0, false) as boolean) {
		outputs[ITEMS].push(
			...report.openInvoices.map((line, index) => {
				const { invoice, itemIndex } = book.source(line);
				return {
					json: {
						...items[itemIndex].json,
						invoice: invoiceForOutput(invoice as Invoice),
						priority: {
							rank: index + 1,
							score: line.score,
							reasons: report.worklist[index].reasons,
							parts: { ...line.parts },
							daysOverdue: line.daysOverdue,
							bucket: line.bucket,
						},
					},
					pairedItem: { item: itemIndex },
				};
			}),
		);
	}
	outputs[ITEMS].push(...book.failed);
	return outputs;
}
