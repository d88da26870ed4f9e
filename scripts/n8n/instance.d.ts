// Types of instance.js for the TypeScript tests, end-to-end tests and benchmarks.
import type { ChildProcess } from 'node:child_process';
import type { N8nInstall } from './install';

export interface CliResult {
	code: number;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	/** The parsed JSON body, when the body is JSON. */
	body: unknown;
}

export interface NodeRunItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

export interface NodeRun {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	data?: { main?: Array<NodeRunItem[] | null> };
	error?: { message: string; [key: string]: unknown };
	[key: string]: unknown;
}

/** What `n8n execute --rawOutput` prints: the run of the workflow. */
export interface WorkflowRun {
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			lastNodeExecuted?: string;
			error?: {
				message: string;
				node?: { name: string };
				description?: string;
				[key: string]: unknown;
			};
		};
		[key: string]: unknown;
	};
	status?: string;
	finished?: boolean;
	mode?: string;
	startedAt?: string;
	stoppedAt?: string;
	[key: string]: unknown;
}

export interface ExecutionError extends Error {
	run?: WorkflowRun;
	stdout: string;
	stderr: string;
	code: number;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
	[key: string]: unknown;
}

export declare class N8nInstance {
	readonly install: N8nInstall;
	/** The user folder (N8N_USER_FOLDER): database, settings, `.n8n/nodes` with our package. */
	readonly folder: string;
	readonly packageInstalled: boolean;
	/** Set while `n8n start` runs. */
	readonly server: ChildProcess | undefined;
	readonly port: number | undefined;
	readonly url: string | undefined;
	/** The last 200 kB of `n8n start`'s output (all of it is in `<folder>/n8n-start.log`). */
	readonly logs: string;
	env(extra?: Record<string, string>): NodeJS.ProcessEnv;
	cli(
		args: string[],
		options?: { timeoutMs?: number; env?: Record<string, string> },
	): Promise<CliResult>;
	cliOk(
		args: string[],
		options?: { timeoutMs?: number; env?: Record<string, string> },
	): Promise<CliResult>;
	importWorkflow(fileOrWorkflow: string | WorkflowJson): Promise<string>;
	importCredentials(fileOrCredentials: string | CredentialJson | CredentialJson[]): Promise<void>;
	executeWorkflow(
		id: string,
		options?: { allowFailure?: boolean; timeoutMs?: number },
	): Promise<WorkflowRun>;
	/** A request to the running server, with the owner's session cookie once setupOwner() ran. */
	rest(
		method: string,
		urlPath: string,
		body?: unknown,
		options?: { headers?: Record<string, string> },
	): Promise<HttpResponse>;
	/** Creates the owner (or logs in as it) on the running server, so rest() calls are authenticated. */
	setupOwner(owner?: {
		email?: string;
		password?: string;
	}): Promise<{ email: string; password: string }>;
	start(options?: { timeoutMs?: number; port?: number }): Promise<{ url: string; port: number }>;
	stop(options?: { graceMs?: number }): Promise<void>;
	dispose(): Promise<void>;
}

export declare function createInstance(options?: {
	withPackage?: boolean | 'auto';
	packageDir?: string;
	env?: Record<string, string>;
}): Promise<N8nInstance>;
export declare function createUserFolder(options?: {
	withPackage?: boolean | 'auto';
	packageDir?: string;
}): { folder: string; packageInstalled: boolean };
export declare function installPackage(folder: string, packageDir?: string): string;
export declare function packageBuilt(packageDir?: string): boolean;
export declare function getFreePort(): Promise<number>;
export declare function httpRequest(
	method: string,
	url: string,
	options?: { headers?: Record<string, string>; body?: unknown },
): Promise<HttpResponse>;
export declare function parseRawOutput(text: string): WorkflowRun | undefined;
export declare function nodeOutput(
	run: WorkflowRun,
	nodeName: string,
	outputIndex?: number,
): Array<Record<string, unknown>>;
export declare function runError(
	run: WorkflowRun | undefined,
): { message: string; node?: string; description?: string; raw: unknown } | undefined;
export declare function killAll(signal?: NodeJS.Signals): void;
export declare const PACKAGE_NAME: string;
export declare const REPO_ROOT: string;
