// Issue 19, #12 in the node: the weekly report of a book where every invoice is open gives no DSO and says why
// (never "DSO (90 days) 90 days"); the DSO CSV with its definition is attached next to the worklist CSV.
import { DunningReport } from '../../../nodes/DunningReport/DunningReport.node';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { runWorkflow } from '../../helpers/run-workflow';
import { makeInvoice } from '../../shared/invoice-factory';

describe('DSO', () => {
	const nodeTypes = { 'n8n-nodes-dunning.dunningReport': new DunningReport() };

	const allOpen = ['2026-09-10', '2026-10-01', '2026-11-02'].map((issueDate, index) => ({
		invoice: makeInvoice({
			id: `o${index}`,
			issueDate,
			dueDate: issueDate,
			customer: { id: `c${index}` },
		}),
	}));

	it('Dunning Report on a book where every invoice is open: DSO null with its reason in JSON, HTML and the DSO CSV', async () => {
		const result = await runWorkflow(
			itemsIntoNode(allOpen, {
				name: 'Dunning Report',
				type: 'n8n-nodes-dunning.dunningReport',
				parameters: { asOf: '2026-11-26' },
			}),
			{ nodeTypes },
		);
		expect(result.error).toBeUndefined();
		const [summary] = result.outputOf('Dunning Report', 0);
		const report = summary.json.report as { dso: { byCurrency: Record<string, unknown> } };
		expect(report.dso.byCurrency.EUR).toMatchObject({ dso: null, reason: 'no_collections' });
		expect(summary.json.html).not.toMatch(/class="value">90 days/);
		const dso = summary.binary?.data_dso;
		expect(dso).toMatchObject({ mimeType: 'text/csv', fileName: 'dunning-dso-2026-11-26.csv' });
		const csv = Buffer.from(dso!.data, 'base64').toString('utf8').split('\r\n');
		expect(csv[1]).toMatch(
			/^EUR,,average,2026-08-29,2026-11-26,90,3600\.00,3600\.00,0\.00,no_collections,/,
		);
	});
});
