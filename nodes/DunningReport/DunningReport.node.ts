import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { failedItem, itemError } from '../common/item-errors';
import { invoiceForOutput, readInvoice, type InvoiceFormat } from '../common/invoice-input';
import {
	assertTimeZone,
	buildDunningReport,
	checkReportInvoice,
	dateInTimeZone,
	DunningInputError,
	previewRun,
	renderPreviewHtml,
	renderReportHtml,
	renderSimulationHtml,
	reportToCsv,
	dsoToCsv,
	simulatePolicy,
	simulationToCsv,
	type Invoice,
	type ReportInvoice,
} from '../shared/internal';
import { BUILD_REPORT, dunningReportProperties, PREVIEW, SIMULATE_POLICY } from './description';
import { readScenario } from './scenario';

const SUMMARY = 0;
const ITEMS = 1;

interface ReadInvoice {
	invoice: ReportInvoice;
	itemIndex: number;
}

interface ReportOptionsParameter {
	fileName?: string;
	dsoDays?: number;
	binaryPropertyName?: string;
	recoveryWindowDays?: number;
	title?: string;
	vipTags?: string;
	worklistLimit?: number;
}

interface SimulationOptionsParameter {
	maxContactsPerWeek?: number;
	binaryPropertyName?: string;
	startFresh?: boolean;
}

export class DunningReport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dunning Report',
		name: 'dunningReport',
		icon: { light: 'file:dunningReport.svg', dark: 'file:dunningReport.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"buildReport": "Report", "simulatePolicy": "Simulate " + $parameter["scenario"], "preview": "Preview " + $parameter["scenario"]}[$parameter["operation"]] }}',
		description:
			'Aging, DSO and recovery KPIs with a prioritised worklist; replay a scenario over past invoices; preview today’s run',
		defaults: { name: 'Dunning Report' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Summary', 'Items'],
		usableAsTool: true,
		properties: dunningReportProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const outputs: INodeExecutionData[][] = [[], []];
		// The summary stands for every input item, failed ones included: they are reported in it.
		const allItems = items.map((_, item) => ({ item }));
		try {
			const scenario = operation === BUILD_REPORT ? null : readScenario(this);
			const timezone = scenario?.timezone ?? readTimezone(this);
			const errors: IDataObject[] = [];
			const book = readBook(
				this,
				items,
				timezone,
				operation === BUILD_REPORT,
				errors,
				outputs[ITEMS],
			);
			const invoices = book.map((entry) => entry.invoice);
			const sourceOf = new Map(
				book.map((entry) => [`${entry.invoice.source}:${entry.invoice.id}`, entry]),
			);
			const source = (invoice: { source: string; invoiceId: string }) =>
				sourceOf.get(`${invoice.source}:${invoice.invoiceId}`) as ReadInvoice;

			if (operation === BUILD_REPORT) {
				const options = this.getNodeParameter('options', 0, {}) as ReportOptionsParameter;
				const asOfParameter = (this.getNodeParameter('asOf', 0, '') as string).trim();
				const asOf = asOfParameter || dateInTimeZone(Date.now(), timezone);
				const report = buildDunningReport(invoices, {
					asOf,
					recoveryWindowDays: options.recoveryWindowDays,
					dsoDays: options.dsoDays,
					vipTags: options.vipTags === undefined ? undefined : splitTags(options.vipTags),
				});
				const html = renderReportHtml(report, {
					title: options.title || undefined,
					worklistLimit: options.worklistLimit,
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
				outputs[SUMMARY].unshift({
					json: { report: report as unknown as IDataObject, html, errors },
					binary: { [binaryName]: csv, [`${binaryName}_dso`]: dsoCsv },
					pairedItem: allItems,
				});
				if (this.getNodeParameter('outputWorklist', 0, false) as boolean) {
					const worklist = report.openInvoices.map((line, index) => {
						const { invoice, itemIndex } = source(line);
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
					});
					outputs[ITEMS].unshift(...worklist);
				}
			} else if (operation === SIMULATE_POLICY) {
				const options = this.getNodeParameter(
					'simulationOptions',
					0,
					{},
				) as SimulationOptionsParameter;
				const simulation = simulatePolicy(invoices, scenario!, {
					from: (this.getNodeParameter('from', 0) as string).trim(),
					to: (this.getNodeParameter('to', 0) as string).trim(),
					maxContactsPerWeek: options.maxContactsPerWeek,
					startFresh: options.startFresh,
				});
				const csv = await this.helpers.prepareBinaryData(
					Buffer.from(simulationToCsv(simulation), 'utf8'),
					`dunning-simulation-${simulation.scenarioId}-${simulation.from}-${simulation.to}.csv`,
					'text/csv',
				);
				outputs[SUMMARY].unshift({
					json: {
						simulation: simulation as unknown as IDataObject,
						html: renderSimulationHtml(simulation),
						errors,
					},
					binary: { [options.binaryPropertyName?.trim() || 'data']: csv },
					pairedItem: allItems,
				});
				if (this.getNodeParameter('outputEvents', 0, false) as boolean) {
					const events = simulation.calendar.flatMap((day) =>
						day.events.map((event) => ({
							json: { date: day.date, ...event } as IDataObject,
							pairedItem: { item: source(event).itemIndex },
						})),
					);
					outputs[ITEMS].unshift(...events);
				}
			} else if (operation === PREVIEW) {
				const options = this.getNodeParameter('previewOptions', 0, {}) as { now?: string };
				const now = options.now?.trim() || new Date();
				const { preview } = previewRun(invoices, scenario!, now);
				outputs[SUMMARY].unshift({
					json: {
						preview: preview as unknown as IDataObject,
						html: renderPreviewHtml(preview),
						errors,
					},
					pairedItem: allItems,
				});
				const planned = preview.planned.map((entry) => {
					const { invoice, itemIndex } = source(entry);
					return {
						json: {
							...items[itemIndex].json,
							invoice: invoiceForOutput(invoice as Invoice),
							preview: { ...entry },
						},
						pairedItem: { item: itemIndex },
					};
				});
				outputs[ITEMS].unshift(...planned);
			} else {
				throw new NodeOperationError(
					this.getNode(),
					`"${operation}" is not an operation of this node`,
				);
			}
		} catch (error) {
			// Parameters and the book as a whole: not one item's fault, so Continue On Fail does not apply.
			throw wholeRunError(this, error);
		}
		return outputs;
	}
}

function wholeRunError(context: IExecuteFunctions, error: unknown): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), (error as Error).message, {
		description:
			error instanceof DunningInputError
				? `The parameter or field "${error.field}" is not valid.`
				: undefined,
	});
}

function readPath(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

function splitTags(value: string): string[] {
	return value
		.split(',')
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
}

function readTimezone(context: IExecuteFunctions): string {
	const value = (context.getNodeParameter('timezone', 0, '') as string).trim();
	return value === '' ? context.getTimezone() : assertTimeZone(value, 'timezone');
}

/**
 * Reads the invoice of every item. A bad item is reported in the summary's `errors` and, with Continue On
 * Fail, passed on to the Items output (or n8n's error output); the others are still counted.
 */
function readBook(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	timezone: string,
	withHistory: boolean,
	errors: IDataObject[],
	failed: INodeExecutionData[],
): ReadInvoice[] {
	const format = context.getNodeParameter('invoiceFormat', 0, 'auto') as InvoiceFormat;
	const field = context.getNodeParameter('invoiceField', 0, '') as string;
	const historyField = withHistory
		? (context.getNodeParameter('historyField', 0, 'history') as string).trim()
		: '';
	const book: ReadInvoice[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const json = items[itemIndex].json;
			let invoice: ReportInvoice = readInvoice(json, { format, field, timezone });
			// The history extension: the item field, else `dunning.history` / `dunning.promises` of the item's
			// invoice object (the normaliser keeps only the Invoice contract's fields).
			const history =
				(historyField === '' ? undefined : readPath(json, historyField)) ??
				readPath(json, 'invoice.dunning.history');
			const promises = readPath(json, 'invoice.dunning.promises');
			if (history !== undefined && history !== null) {
				invoice = { ...invoice, dunning: { ...invoice.dunning, history: history as never } };
			}
			if (promises !== undefined && promises !== null) {
				invoice = { ...invoice, dunning: { ...invoice.dunning, promises: promises as never } };
			}
			book.push({ invoice: checkReportInvoice(invoice, 'invoice'), itemIndex });
		} catch (error) {
			const failure = itemError(context, error, itemIndex);
			if (!context.continueOnFail()) throw failure;
			errors.push({ item: itemIndex, error: failure.message });
			failed.push(failedItem(context, items[itemIndex], failure, itemIndex));
		}
	}
	return book;
}
