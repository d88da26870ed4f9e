// Shared set-up of the end-to-end tests: MailDev, one real n8n per test file with the templates of
// workflows/ imported (credentials bound to the simulators), and small readers of the inbox and of runs.
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	MAILEVA_CREDENTIAL,
	mailevaCredential,
	startTwilioProxy,
	TWILIO_CREDENTIAL,
	twilioCredential,
} from '../../scripts/demo/channels';
import { startMailDev, type MailDev, type MailDevEmail } from '../../scripts/demo/maildev';
import { withLetterSender } from '../../scripts/demo/sender';
import { startMailevaSimulator, type MailevaSimulator } from '../simulators/postal';
import { startTwilioSimulator, type TwilioSimulator } from '../simulators/twilio';
import type { InterceptingProxy } from '../simulators/intercepting-proxy';
import type { CredentialJson, N8nInstance, WorkflowJson } from '../../scripts/n8n/instance';
import {
	createInstance,
	getFreePort,
	nodeOutput,
	packageBuilt,
	type WorkflowRun,
} from '../../scripts/n8n/instance';

export { describeReal, MINUTE, real } from '../helpers/real-n8n';
export const SMTP_CREDENTIAL = { id: 'e2eSmtpMailDev001', name: 'SMTP (reminders)' };

const WORKFLOWS = path.join(__dirname, '..', '..', 'workflows');

/** A template as a user runs it: its letter sender set (the templates ship it empty), on any day. */
export function template(file: string): WorkflowJson {
	const json = JSON.parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8')) as WorkflowJson;
	return anyDay(withLetterSender(json));
}

/**
 * The template with its scenario nodes allowed to send on any day: the tests run on weekends and public
 * holidays too, when the templates rightly send nothing (that rule is covered by the scenario's unit tests).
 */
export function anyDay(workflow: WorkflowJson): WorkflowJson {
	for (const node of workflow.nodes) {
		if (node.type !== 'n8n-nodes-dunning.dunningScenario') continue;
		const parameters = node.parameters as { options?: Record<string, unknown> };
		parameters.options = { ...parameters.options, sendOnNonBusinessDays: true };
	}
	return workflow;
}

/**
 * The template with its credential references of one type pointed at a given credential (what a user does
 * when picking a credential after import); everything else is the file as users import it.
 */
export function bind(
	workflow: WorkflowJson,
	bindings: Record<string, { id: string; name: string }>,
): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	for (const node of copy.nodes) {
		const credentials = node.credentials as Record<string, unknown> | undefined;
		if (!credentials) continue;
		for (const type of Object.keys(credentials)) {
			if (bindings[type]) credentials[type] = { ...bindings[type] };
		}
	}
	return copy;
}

export function smtpCredential(mail: MailDev): CredentialJson {
	return {
		...SMTP_CREDENTIAL,
		type: 'smtp',
		data: {
			user: '',
			password: '',
			host: '127.0.0.1',
			port: mail.smtpPort,
			secure: false,
			disableStartTls: true,
		},
	};
}

export interface E2eEnvironment {
	n8n: N8nInstance;
	mail: MailDev;
	/** Where the templates' Registered Letter node posts (Maileva simulator). */
	postal: MailevaSimulator;
	/** Where the templates' SMS step sends: n8n's own Twilio node reaches this simulator through `smsProxy`. */
	sms: TwilioSimulator;
	/** The HTTPS proxy n8n's requests go through: api.twilio.com is answered by `sms`, other hosts pass. */
	smsProxy: InterceptingProxy;
	/** The port `n8n.start({ port })` must use: resume links in approval emails point at it. */
	port: number;
}

/** The items a node put on an output, or none when the node did not run (nothing reached it). */
export function itemsOf(run: WorkflowRun, node: string, output = 0): Record<string, unknown>[] {
	if (!run.data.resultData.runData[node]) return [];
	return nodeOutput(run, node, output);
}

/**
 * A fresh n8n with our package and MailDev; the credentials (one CLI call) and the workflows imported, as
 * users import them (bound to the simulators' credentials). `env` adds settings to the n8n processes.
 */
export async function startEnvironment(
	credentials: (mail: MailDev) => CredentialJson[],
	workflows: WorkflowJson[],
	env: Record<string, string> = {},
): Promise<E2eEnvironment> {
	if (!packageBuilt()) throw new Error('run npm run build first');
	const mail = await startMailDev();
	const postal = await startMailevaSimulator();
	const sms = await startTwilioSimulator();
	const smsProxy = await startTwilioProxy(sms);
	try {
		const port = await getFreePort();
		const n8n = await createInstance({
			withPackage: true,
			env: { ...smsProxy.env, N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`, ...env },
		});
		// The letter and SMS credentials exist in every environment: n8n refuses to run a workflow whose nodes
		// name a credential it does not have, even a node the run never reaches.
		await n8n.importCredentials([
			smtpCredential(mail),
			mailevaCredential(postal),
			twilioCredential(sms),
			...credentials(mail),
		]);
		// One import per workflow: n8n 2.41.1's batch import (`--separate`) creates a tag once per workflow and
		// fails on the second workflow carrying the same tag name (UNIQUE constraint on tag_entity.name).
		for (const workflow of workflows) {
			await n8n.importWorkflow(
				bind(workflow, { mailevaApi: MAILEVA_CREDENTIAL, twilioApi: TWILIO_CREDENTIAL }),
			);
		}
		return { n8n, mail, port, postal, sms, smsProxy };
	} catch (error) {
		await Promise.all([mail.stop(), postal.stop(), sms.stop(), smsProxy.stop()]);
		throw error;
	}
}

/**
 * The templates of `files` imported into a fresh environment, each bound to its own credential (one simulator
 * per template, so that no template's run sees another's writes); their workflow ids by name.
 */
export async function startTemplates<Name extends string>(
	files: Record<Name, string>,
	credential: (name: Name) => CredentialJson,
): Promise<{ env: E2eEnvironment; ids: Record<Name, string> }> {
	const names = Object.keys(files) as Name[];
	const credentials = names.map((name) => credential(name));
	const ids = {} as Record<Name, string>;
	const workflows = names.map((name, index) => {
		const { id, name: credentialName, type } = credentials[index];
		const workflow = bind(template(files[name]), { [type]: { id, name: credentialName } });
		ids[name] = String(workflow.id);
		return workflow;
	});
	const env = await startEnvironment(() => credentials, workflows);
	return { env, ids };
}

/** Stops n8n, MailDev and each book's simulator: after a failed set-up, those that started. */
export async function stopEnvironment(
	env: E2eEnvironment | undefined,
	books: Record<string, { sim: { stop(): Promise<void> } }>,
): Promise<void> {
	await env?.n8n.dispose();
	await env?.mail.stop();
	await env?.postal.stop();
	await env?.sms.stop();
	await env?.smsProxy.stop();
	for (const { sim } of Object.values(books)) await sim.stop();
}

/** The emails that arrived after `seen` (ids), and the updated set. */
export async function newEmails(mail: MailDev, seen: Set<string>): Promise<MailDevEmail[]> {
	const fresh = (await mail.emails()).filter((email) => !seen.has(email.id));
	for (const email of fresh) seen.add(email.id);
	return fresh;
}

export const recipients = (email: MailDevEmail) => email.to.map((to) => to.address.toLowerCase());

/** The emails one of whose recipients is `address`. */
export const emailsTo = (emails: MailDevEmail[], address: string) =>
	emails.filter((email) => recipients(email).includes(address.toLowerCase()));

/** How many emails each address received. */
export function countByRecipient(emails: MailDevEmail[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const email of emails) {
		for (const address of recipients(email)) counts[address] = (counts[address] ?? 0) + 1;
	}
	return counts;
}

/** Waits until the inbox stops growing (SMTP delivery is asynchronous to the run). */
export async function settledEmails(mail: MailDev, seen: Set<string>): Promise<MailDevEmail[]> {
	const all: MailDevEmail[] = [];
	let quiet = 0;
	while (quiet < 3) {
		await new Promise((resolve) => setTimeout(resolve, 300));
		const fresh = await newEmails(mail, seen);
		all.push(...fresh);
		quiet = fresh.length ? 0 : quiet + 1;
	}
	return all;
}

// Runs a saved workflow in the running n8n server from its *Run Now* trigger (the editor's "Execute workflow"),
// waiting for the end of the execution. Needed for Data Table nodes: `n8n execute` does not load n8n's modules
// (the data-table module among them), the server does. Shared with the demo.
export { approvalLink, openApprovalLink, runInServer } from '../../scripts/n8n/server-runs';

/** Fails with what n8n recorded (the failing node and its message) when an execution did not succeed. */
export function expectSuccess(run: { status: string; data: string }): void {
	if (run.status !== 'success') {
		throw new Error(`execution ended "${run.status}": ${run.data.slice(0, 4000)}`);
	}
}
