// Types of ledger-report.js for the TypeScript tests.
import type { WorkflowJson } from '../n8n/instance';

export interface LedgerReportWorkflowOptions {
	/** The company's IANA time zone (default Europe/Paris). */
	zone?: string;
	/** The report's sender. */
	from?: string;
	/** Who receives the report (default finance@example.com). */
	finance?: string;
	/** Who is told of a failed item (default accounting@example.com). */
	alerts?: string;
}

export declare function ledgerReportWorkflows(
	options?: LedgerReportWorkflowOptions,
): { file: string; workflow: WorkflowJson }[];
export declare function ledgerReportWorkflow(options?: LedgerReportWorkflowOptions): WorkflowJson;
