import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { invoiceForOutput } from '../common/invoice-input';
import { readDueWithinDays, readMinDaysOverdue } from '../common/source-properties';
import type { EmitOn } from '../services/stripe/fingerprint';
import { overdueListQuery } from '../services/stripe/overdue';
import {
	STRIPE_API_VERSION,
	STRIPE_CREDENTIAL,
	stripeCall,
	stripePages,
	type StripeContext,
} from '../services/stripe/transport';
import {
	handleStripeDelivery,
	needsCustomer,
	webhookEventSummary,
} from '../services/stripe/webhook';
import { dateInTimeZone, normalizeStripeInvoice } from '../shared/internal';
import { stripeInvoiceTriggerProperties } from './description';
import { beginPass, endPoll, judge, pollState, type PollSettings } from './polling';
import { chosenTimeZone } from '../common/properties';

type Mode = 'webhook' | 'polling';

interface WebhookState {
	webhookId?: string;
	webhookSecret?: string;
	recentEventIds?: string[];
}

function timezoneOf(context: StripeContext): string {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return chosenTimeZone(options, context.getTimezone());
}

function selectedEvents(context: StripeContext): string[] {
	return [...((context.getNodeParameter('events', []) as string[]) ?? [])].sort();
}

/** Deletes the endpoint this node registered (gone already is fine) and forgets it and its secret. */
async function deleteEndpoint(context: IHookFunctions, state: WebhookState): Promise<void> {
	if (state.webhookId) {
		await stripeCall(context, {
			method: 'DELETE',
			path: `/v1/webhook_endpoints/${encodeURIComponent(state.webhookId)}`,
			allowNotFound: true,
		});
	}
	delete state.webhookId;
	delete state.webhookSecret;
}

/**
 * Whether this is the first delivery of an event, across executions and workers. n8n 2.41 does not reliably save
 * static data changed in `webhook()` when the webhook starts an execution, so the recent-ids list in static data
 * is only a first filter. The decision is Stripe's own idempotency layer: an update of the invoice that changes
 * nothing (only `expand[]=customer`), sent with `Idempotency-Key: dunning-event:<event id>`. The first delivery
 * gets a fresh answer; a later or concurrent one gets `Idempotent-Replayed: true` (after a 409 while the first
 * is in flight). Stripe keeps keys for at least 24 hours. The answer also carries the customer, used to fill in
 * an invoice that lacks the customer's email or name. If Stripe cannot be asked, the event is emitted
 * (at least once rather than lost; Claim Step still stops a second reminder).
 */
async function firstDelivery(
	context: IWebhookFunctions,
	event: IDataObject,
	invoice: IDataObject,
): Promise<{ first: boolean; customer?: IDataObject }> {
	const outcome = await stripeCall(context, {
		method: 'POST',
		path: `/v1/invoices/${encodeURIComponent(String(invoice.id))}`,
		form: { expand: ['customer'] },
		idempotencyKey: `dunning-event:${String(event.id)}`,
	}).then(
		(response) => response,
		() => undefined,
	);
	if (!outcome) return { first: true };
	const customer = outcome.body.customer;
	return {
		first: !outcome.replayed,
		customer:
			typeof customer === 'object' && customer !== null ? (customer as IDataObject) : undefined,
	};
}

/**
 * One node, two modes. n8n 2.41 registers a node's webhooks from its `webhooks` description and polls any node
 * that has a `poll` method. The webhook's HTTP method is an expression that is empty in polling mode, and n8n
 * registers no webhook for an empty method (so no URL, no Stripe endpoint); in webhook mode `poll()` returns
 * at once without calling Stripe (n8n still ticks at the Poll Times, which do nothing then).
 */
export class StripeInvoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Invoice Trigger',
		name: 'stripeInvoiceTrigger',
		icon: { light: 'file:stripeInvoiceTrigger.svg', dark: 'file:stripeInvoiceTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["mode"] === "polling" ? "Polling overdue invoices" : "Webhook" }}',
		description:
			'Starts a workflow on Stripe invoice events (verified webhooks) or when invoices become overdue (polling)',
		defaults: { name: 'Stripe Invoice Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STRIPE_CREDENTIAL, required: true }],
		polling: true,
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{ $parameter["mode"] === "polling" ? "" : "POST" }}',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: '={{ $parameter["mode"] === "polling" }}',
			},
		],
		properties: stripeInvoiceTriggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if ((this.getNodeParameter('mode') as Mode) !== 'webhook') return true;
				if (this.getNodeParameter('endpoint') !== 'register') return true;
				const state = this.getWorkflowStaticData('node') as WebhookState;
				if (!state.webhookId) return false;
				const { status, body } = await stripeCall(this, {
					method: 'GET',
					path: `/v1/webhook_endpoints/${encodeURIComponent(state.webhookId)}`,
					allowNotFound: true,
				});
				// Deleted on Stripe's side: register a new one.
				if (status === 404) {
					delete state.webhookId;
					delete state.webhookSecret;
					return false;
				}
				const events = [...((body.enabled_events as string[]) ?? [])].sort();
				const sameEvents = events.join(',') === selectedEvents(this).join(',');
				if (body.url === this.getNodeWebhookUrl('default') && sameEvents && state.webhookSecret) {
					return true;
				}
				// Another URL or other events: replace it rather than leave a stale endpoint behind.
				await deleteEndpoint(this, state);
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if ((this.getNodeParameter('mode') as Mode) !== 'webhook') return true;
				if (this.getNodeParameter('endpoint') !== 'register') return true;
				const { body } = await stripeCall(this, {
					method: 'POST',
					path: '/v1/webhook_endpoints',
					form: {
						url: this.getNodeWebhookUrl('default'),
						enabled_events: selectedEvents(this),
						api_version: STRIPE_API_VERSION,
						description: 'n8n - Stripe Invoice Trigger (n8n-nodes-dunning)',
						metadata: {
							n8n_node: 'stripeInvoiceTrigger',
							n8n_workflow_id: this.getWorkflow().id ?? '',
						},
					},
				});
				const state = this.getWorkflowStaticData('node') as WebhookState;
				state.webhookId = body.id as string;
				// Stripe returns the signing secret only in this response.
				state.webhookSecret = body.secret as string;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				await deleteEndpoint(this, this.getWorkflowStaticData('node') as WebhookState);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as { rawBody?: Buffer };
		const state = this.getWorkflowStaticData('node') as WebhookState;
		const mode = this.getNodeParameter('mode') as Mode;
		let secret: string | undefined;
		if (mode === 'webhook') {
			if (this.getNodeParameter('endpoint') === 'existing') {
				const credentials = await this.getCredentials(STRIPE_CREDENTIAL);
				secret =
					typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret.trim() : '';
			} else {
				secret = state.webhookSecret;
			}
		}
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const signature = this.getHeaderData()['stripe-signature'];
		// Static data is only written once a delivery is verified: a request answered while the activation's
		// static data (endpoint id, secret) is not yet visible must not save a stale copy over it.
		const recentEventIds = state.recentEventIds ?? [];
		const outcome = handleStripeDelivery({
			rawBody: request.rawBody,
			signature: typeof signature === 'string' ? signature : undefined,
			secret,
			nowSeconds: Math.floor(Date.now() / 1000),
			toleranceSeconds: Math.max(1, Number(options.toleranceSeconds ?? 300)),
			events: selectedEvents(this),
			recentEventIds,
		});
		if (outcome.action === 'reject') {
			const response = this.getResponseObject();
			response.status(outcome.status).json({ error: outcome.reason });
			return { noWebhookResponse: true };
		}
		state.recentEventIds = recentEventIds;
		if (outcome.action === 'ignore') {
			return { webhookResponse: { received: true, ignored: outcome.reason } };
		}
		const first = await firstDelivery(this, outcome.event, outcome.invoice);
		if (!first.first) return { webhookResponse: { received: true, ignored: 'duplicate' } };
		let raw = outcome.invoice;
		if (needsCustomer(raw) && first.customer) raw = { ...raw, customer: first.customer };
		const invoice = normalizeStripeInvoice(raw, { timezone: timezoneOf(this) });
		const json: IDataObject = {
			invoice: invoiceForOutput(invoice),
			event: webhookEventSummary(outcome.event),
			raw: outcome.invoice,
		};
		return { workflowData: [[{ json }]] };
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if ((this.getNodeParameter('mode') as Mode) !== 'polling') return null;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const parameter = (name: string, fallback: unknown) => this.getNodeParameter(name, fallback);
		const timezone = timezoneOf(this);
		const nowMs = Date.now();
		const settings: PollSettings = {
			filter: {
				minDaysOverdue: readMinDaysOverdue(parameter),
				dueWithinDays: readDueWithinDays(parameter),
				customerId: String(parameter('customerId', '') ?? '').trim(),
			},
			emitOn: this.getNodeParameter('emitOn', 'stateChange') as EmitOn,
			bucketDays: this.getNodeParameter('bucketDays', 7) as number,
			timezone,
			today: dateInTimeZone(nowMs, timezone),
		};
		const maxPages = Math.max(1, Number(options.maxPages ?? 50));
		const state = pollState(this.getWorkflowStaticData('node'));
		const startingAfter = beginPass(state);
		const query = overdueListQuery(nowMs / 1000, settings.filter) as Parameters<
			typeof stripePages
		>[2];
		const emitted: INodeExecutionData[] = [];
		let pages = 0;
		let nextCursor: string | undefined;
		for await (const page of stripePages<IDataObject & { id: string }>(
			this,
			'/v1/invoices',
			query,
			{
				startingAfter,
			},
		)) {
			for (const raw of page.data) {
				const polled = judge(state, raw, settings);
				if (!polled) continue;
				emitted.push({
					json: {
						invoice: invoiceForOutput(polled.invoice),
						event: {
							source: 'poll',
							type: polled.window === 'overdue' ? 'invoice.overdue' : 'invoice.due_soon',
							change: polled.change,
							daysOverdue: polled.daysOverdue,
							polledAt: new Date(nowMs).toISOString(),
						},
						raw: polled.raw,
					},
				});
			}
			pages++;
			if (page.hasMore && pages >= maxPages) {
				nextCursor = page.lastId;
				break;
			}
		}
		endPoll(state, nextCursor);
		return emitted.length ? [emitted] : null;
	}
}
