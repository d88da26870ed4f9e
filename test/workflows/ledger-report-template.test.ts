// The Pennylane weekly report on the Dunning Ledger (scripts/workflows/ledger-report.js, issue 22): its Dunning
// Report reads the ledger with the ledger credential, and every error output reaches the finance alert. Its run
// on a real PostgreSQL is ledger-report-template.integration.test.ts.
import type { INodeProperties } from 'n8n-workflow';

import { DunningReport } from '../../nodes/DunningReport/DunningReport.node';
import { PennylaneDunning } from '../../nodes/PennylaneDunning/PennylaneDunning.node';
import { ledgerReportWorkflows } from '../../scripts/workflows/ledger-report';

const [{ file, workflow }] = ledgerReportWorkflows();
type Node = { name: string; type: string; parameters: Record<string, unknown> } & Record<
	string,
	unknown
>;
const nodes = workflow.nodes as Node[];
const connections = workflow.connections as Record<string, { main: { node: string }[][] }>;
const byName = (name: string) => nodes.find((node) => node.name === name) as Node;
const targets = (from: string, output: number) =>
	(connections[from]?.main[output] ?? []).map((edge) => edge.node);

describe(`${file}: wiring`, () => {
	it('reads the history from the Dunning Ledger with the ledger credential', () => {
		expect(byName('Dunning Report')).toMatchObject({
			type: 'n8n-nodes-dunning.dunningReport',
			parameters: { operation: 'buildReport', historyFrom: 'ledger' },
			credentials: { dunningLedgerPostgresApi: { id: null, name: 'Dunning Ledger' } },
		});
	});

	it('uses only parameters and options the Dunning Report and Pennylane Dunning declare', () => {
		const properties = new DunningReport().description.properties;
		const report = byName('Dunning Report').parameters;
		const names = new Set(properties.map((property) => property.name));
		expect(Object.keys(report).filter((name) => !names.has(name))).toEqual([]);
		const options = properties.find(
			(property) =>
				property.name === 'options' &&
				property.displayOptions?.show?.operation?.includes('buildReport'),
		) as INodeProperties;
		const optionNames = new Set((options.options ?? []).map((option) => option.name));
		expect(Object.keys(report.options as object).filter((name) => !optionNames.has(name))).toEqual(
			[],
		);
		const listNames = new Set(
			new PennylaneDunning().description.properties.map((property) => property.name),
		);
		const list = byName('List Overdue Invoices').parameters;
		expect(Object.keys(list).filter((name) => !listNames.has(name))).toEqual([]);
	});

	it('goes List Overdue Invoices → Dunning Report → Email The Finance Team, every error output to the alert', () => {
		expect(targets('Every Monday At 8:00', 0)).toEqual(['List Overdue Invoices']);
		expect(targets('Run Now', 0)).toEqual(['List Overdue Invoices']);
		expect(targets('List Overdue Invoices', 0)).toEqual(['Dunning Report']);
		expect(targets('Dunning Report', 0)).toEqual(['Email The Finance Team']);
		expect(targets('List Overdue Invoices', 1)).toEqual(['Alert Finance: Failed Item']);
		expect(targets('Dunning Report', 2)).toEqual(['Alert Finance: Failed Item']);
		expect(targets('Email The Finance Team', 1)).toEqual(['Alert Finance: Failed Item']);
		for (const name of ['List Overdue Invoices', 'Dunning Report', 'Email The Finance Team']) {
			expect(byName(name).onError).toBe('continueErrorOutput');
		}
	});
});
