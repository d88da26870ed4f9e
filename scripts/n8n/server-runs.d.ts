// Types of server-runs.js.
import type { N8nInstance } from './instance';

export declare const BROWSER_USER_AGENT: string;
export declare function runInServer(
	n8n: N8nInstance,
	workflowId: string,
	trigger?: string,
	timeoutMs?: number,
): Promise<{ status: string; data: string; executionId: string }>;
export declare function approvalLink(
	email: { html?: string },
	approved?: boolean,
): string | undefined;
export declare function openApprovalLink(
	link: string,
): Promise<{ status: number; text: string; headers: Record<string, unknown> }>;
