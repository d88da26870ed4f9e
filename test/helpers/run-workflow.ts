// Runs real n8n workflow JSON through n8n-core's own engine (WorkflowExecute), with our node types
// registered next to two harness nodes: n8n's Manual Trigger and `test.items`, which emits the items
// held in its `items` parameter. See test/helpers/README.md.
import { createRequire } from 'node:module';
import {
	ErrorReporter,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	InstanceSettings,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunData,
	ITaskData,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

// n8n-core 2.41 depends on @n8n/di 0.17, but the copy hoisted to node_modules/@n8n/di is 0.16 (pulled
// in by @n8n/node-cli). The container is keyed by class identity, so the services must be registered
// in n8n-core's own copy, loaded through n8n-core's resolution path.
const coreRequire = createRequire(require.resolve('n8n-core'));
const { Container } = coreRequire('@n8n/di') as typeof import('@n8n/di');
const { Logger } = coreRequire('@n8n/backend-common') as { Logger: abstract new () => unknown };

/** Workflow JSON as exported from the n8n editor; only `nodes` and `connections` are required. */
export type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections'> &
	Partial<Pick<IWorkflowBase, 'id' | 'name' | 'settings' | 'staticData' | 'pinData'>>;

export interface RunWorkflowOptions {
	/** Our node types keyed by their full type name, e.g. `n8n-nodes-dunning.dunningScenario`. */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Credential type classes; their `authenticate` is applied by httpRequestWithAuthentication. */
	credentialTypes?: ICredentialType[];
	/** Decrypted credential data by credential type name, e.g. `{ dunningApi: { apiKey: 'k' } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Initial workflow static data (overrides `workflowJson.staticData`). */
	staticData?: IDataObject;
	/**
	 * Execution mode seen by nodes (`this.getMode()`); default `manual`, as in "Execute workflow". `trigger`
	 * with a polling trigger as the start node runs it as n8n does on its Poll Times: `poll()` in trigger mode,
	 * then, only when it returned items, the workflow from the trigger with those items.
	 */
	mode?: WorkflowExecuteMode;
}

export interface WorkflowRunResult {
	run: IRun;
	runData: IRunData;
	/** `success`, or `error` when the last node that ran failed (even if it continued on fail). */
	status: IRun['status'];
	/** The error that stopped the workflow, if any (a node error without continueOnFail). */
	error?: ExecutionError;
	/** Workflow static data after the run, as a plain object; pass it to the next run. */
	staticData: IDataObject;
	/** Credential data after the run, by type name (OAuth2 tokens refreshed during the run are stored). */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Node names in the order they finished. */
	executedNodes: string[];
	/** `mode: 'trigger'` only: false when the poll returned null (n8n starts no execution then). */
	started: boolean;
	/** Items a node sent to one of its main outputs (an empty array if it sent none). */
	outputOf(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** Shorthand for the `json` of outputOf(...). */
	jsonOf(nodeName: string, outputIndex?: number, runIndex?: number): IDataObject[];
	/** The error recorded on a node's run, also set when the node continued on fail. */
	nodeError(nodeName: string, runIndex?: number): ExecutionError | undefined;
}

/** Same type name, description and behaviour as n8n-nodes-base's Manual Trigger. */
class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return { manualTriggerFunction: async () => this.emit([[{ json: {} }]]) };
	}
}

/** `test.items`: emits `items` (a JSON array of objects, or an expression), paired to input 0. */
class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'items',
		group: ['transform'],
		version: 1,
		description: 'Emits the JSON items held in its parameter',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

const builtInNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'test.items': new ItemsSource(),
};

class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(type: string) {
		const nodeType = this.types[type];
		if (!nodeType)
			throw new UnexpectedError(`Node type "${type}" is not registered in the harness`);
		return nodeType;
	}

	getByNameAndVersion(type: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return {};
	}
}

/** In-memory credentials: returns the data given for a type and applies the type's authenticate. */
class CredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	async getDecrypted(_: IWorkflowExecuteAdditionalData, __: unknown, type: string) {
		const data = this.data[type];
		if (!data) throw new UnexpectedError(`No credentials of type "${type}" given to runWorkflow`);
		return deepCopy(data);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;
		// Generic authentication: `properties.headers|qs|body|auth` values may be `={{ $credentials.x }}`.
		const resolve = (value: string) =>
			workflow && node
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', {
						$credentials: credentials,
					})
				: value;
		const options = requestOptions as unknown as Record<string, IDataObject | undefined>;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				options[target] = { ...options[target], [String(resolve(key))]: resolve(value) };
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new UnexpectedError('getCredentials is not supported by the test harness');
	}

	async updateCredentials() {}

	/** n8n's OAuth2 helper stores refreshed tokens here; the next read (and the result) sees them. */
	async updateCredentialsOauthTokenData(
		_: unknown,
		type: string,
		credentials: ICredentialDataDecryptedObject,
	) {
		this.data[type] = deepCopy(credentials);
	}

	/** Credential data as stored after the run, by type name. */
	snapshot(): Record<string, ICredentialDataDecryptedObject> {
		return deepCopy(this.data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}

const notSupported = (what: string) => () => {
	throw new UnexpectedError(`${what} is not supported by the test harness`);
};

let containerReady = false;

/** Registers the few n8n-core services the engine pulls from the DI container, hermetically. */
function prepareContainer() {
	if (containerReady) return;
	const silent = () => {};
	const logger = { error: silent, warn: silent, info: silent, debug: silent, scoped: () => logger };
	Container.set(Logger, logger);
	const reporter = { error: silent, warn: silent, info: silent };
	Container.set(ErrorReporter, reporter as unknown as ErrorReporter);
	// The real InstanceSettings reads and writes ~/.n8n/config; nodes only read these fields.
	Container.set(InstanceSettings, {
		instanceId: 'test-instance',
		hmacSignatureSecret: 'test-hmac-secret',
		encryptionKey: 'test-encryption-key',
		n8nFolder: '/tmp/n8n-test-harness',
		instanceType: 'main',
		isLeader: true,
	} as unknown as InstanceSettings);
	containerReady = true;
}

export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunWorkflowOptions = {},
): Promise<WorkflowRunResult> {
	prepareContainer();
	const mode = options.mode ?? 'manual';
	const json = deepCopy(workflowJson);
	const credentialTypes = Object.fromEntries(
		(options.credentialTypes ?? []).map((type) => [type.name, type]),
	);

	const workflow = new Workflow({
		id: json.id ?? 'test-workflow',
		name: json.name ?? 'Test workflow',
		nodes: json.nodes,
		connections: json.connections,
		settings: json.settings,
		staticData: deepCopy(options.staticData ?? json.staticData ?? {}),
		pinData: json.pinData,
		active: false,
		nodeTypes: new NodeTypes({ ...builtInNodeTypes, ...options.nodeTypes }),
	});

	const workflowData = { ...json, id: workflow.id, name: workflow.name } as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});

	const credentialsHelper = new CredentialsHelper(
		credentialTypes,
		deepCopy(options.credentials ?? {}),
	);
	const additionalData: IWorkflowExecuteAdditionalData = {
		hooks,
		executionId: 'test-execution',
		workflowId: workflow.id,
		externalSecretsProxy: new ExternalSecretsProxy(),
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		executeWorkflow: notSupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: notSupported('getRunExecutionData'),
		getRuntimeCredential: notSupported('getRuntimeCredential'),
		logAiEvent: () => {},
		startRunnerTask: notSupported('startRunnerTask (Code node task runners)'),
	};

	const { run, started } = await execute(workflow, additionalData, mode);
	const { runData, error } = run.data.resultData;

	const taskOf = (nodeName: string, runIndex: number) => {
		const task = runData[nodeName]?.[runIndex];
		if (!task) {
			const ran = Object.keys(runData).join(', ') || 'none';
			throw new UnexpectedError(
				`Node "${nodeName}" has no run ${runIndex} (nodes that ran: ${ran})`,
			);
		}
		return task;
	};
	const outputOf = (nodeName: string, outputIndex = 0, runIndex = 0) =>
		taskOf(nodeName, runIndex).data?.main[outputIndex] ?? [];

	return {
		run,
		runData,
		status: run.status,
		error,
		staticData: deepCopy({ ...workflow.staticData }),
		credentials: credentialsHelper.snapshot(),
		executedNodes,
		started,
		outputOf,
		jsonOf: (nodeName, outputIndex, runIndex) =>
			outputOf(nodeName, outputIndex, runIndex).map((item) => item.json),
		nodeError: (nodeName, runIndex = 0) => taskOf(nodeName, runIndex).error,
	};
}

/**
 * Runs the workflow from its start node. A polling trigger in trigger mode is first polled, as n8n's active
 * workflows poll it (its static data is the workflow's); a poll that fails gives an error run, as n8n records.
 */
async function execute(
	workflow: Workflow,
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode,
): Promise<{ run: IRun; started: boolean }> {
	const startNode = workflow.getStartNode();
	const nodeType =
		startNode && workflow.nodeTypes.getByNameAndVersion(startNode.type, startNode.typeVersion);
	if (mode !== 'trigger' || !startNode || !nodeType?.poll) {
		return {
			run: await new WorkflowExecute(additionalData, mode).run({ workflow }),
			started: true,
		};
	}
	const notRun = (error?: ExecutionError): IRun => ({
		data: createRunExecutionData({ resultData: { runData: {}, ...(error ? { error } : {}) } }),
		mode,
		startedAt: new Date(),
		status: error ? 'error' : 'success',
		finished: !error,
		storedAt: 'db',
	});
	let polled: INodeExecutionData[][] | null;
	try {
		polled = await nodeType.poll.call(
			new PollContext(workflow, startNode, additionalData, mode, 'activate'),
		);
	} catch (error) {
		return { run: notRun(error as ExecutionError), started: false };
	}
	if (polled === null) return { run: notRun(), started: false };
	const data = { data: { main: polled } } as unknown as ITaskData;
	const run = await new WorkflowExecute(additionalData, mode).run({
		workflow,
		triggerToStartFrom: { name: startNode.name, data },
	});
	return { run, started: true };
}
