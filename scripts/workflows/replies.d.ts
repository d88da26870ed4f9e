// Types of replies.js for the TypeScript tests.
import type { WorkflowJson } from '../n8n/instance';

export interface ReplyWorkflowOptions {
	/** The company's IANA time zone (default Europe/Paris). */
	zone?: string;
	/** Who is told of each reply (default account.manager@example.com). */
	accountManager?: string;
	/** The notifications' sender. */
	from?: string;
	/** The IMAP folder replies arrive in (default INBOX). */
	mailbox?: string;
}

export interface ReplySource {
	key: 'stripe' | 'quickbooks';
	label: string;
	id: string;
	node: string;
}

export declare function replyWorkflows(
	options?: ReplyWorkflowOptions,
): { file: string; workflow: WorkflowJson }[];
export declare function replyWorkflow(
	source: ReplySource,
	options?: ReplyWorkflowOptions,
): WorkflowJson;
export declare const SOURCES: Record<'stripe' | 'quickbooks', ReplySource>;
export declare const CREDENTIALS: Record<string, Record<string, { id: null; name: string }>>;
