// One book per template for the demo (issue 18): each template chases its own customers, so nobody gets the
// same reminder from three templates on the same day, and each book is made from the template's own steps,
// so that every step of its scenario has an invoice reaching it on each simulated day.
import { SCENARIO_PRESETS } from '../../nodes/shared/scenario/presets';
import type { WorkflowJson } from '../n8n/instance';
import {
	addDays,
	slug,
	type BookCustomer,
	type BookInvoice,
} from '../../test/simulators/stripe/demo-book';

export interface BookStep {
	id: string;
	offsetDays: number;
	audience: string;
	includePenalty: boolean;
	/** email, sms or letter (issue 20). */
	channel: string;
}

export interface TemplateScenario {
	steps: BookStep[];
	minDaysBetween: number;
}

/** The scenario of a template's first Dunning Scenario node: a preset, or its Custom Steps. */
export function templateScenario(workflow: WorkflowJson): TemplateScenario {
	const node = workflow.nodes.find((candidate) =>
		String(candidate.type).endsWith('.dunningScenario'),
	);
	if (!node) throw new Error(`${workflow.name}: no Dunning Scenario node`);
	const parameters = node.parameters as Record<string, unknown>;
	const choice = String(parameters.scenario ?? 'classic-7-14-21');
	const options = (parameters.options ?? {}) as { minDaysBetween?: number };
	if (choice === 'custom') {
		const steps = ((parameters.steps as { step?: Record<string, unknown>[] })?.step ?? []).map(
			(step) => ({
				id: String(step.id),
				offsetDays: Number(step.offsetDays),
				audience: String(step.audience ?? 'customer'),
				includePenalty: step.includePenalty === true,
				channel: String(step.channel ?? 'email'),
			}),
		);
		return { steps, minDaysBetween: options.minDaysBetween ?? 5 };
	}
	const preset = SCENARIO_PRESETS[choice];
	if (!preset) throw new Error(`${workflow.name}: the demo does not know the scenario "${choice}"`);
	return {
		steps: preset.steps.map(({ id, offsetDays, audience, includePenalty, channel }) => ({
			id,
			offsetDays,
			audience,
			includePenalty,
			channel: channel ?? 'email',
		})),
		minDaysBetween: options.minDaysBetween ?? preset.minDaysBetween,
	};
}

// Names of small businesses, one trade and one family name each: book k pairs trade i with family name
// i + 5k, so no two books share a customer.
const TRADES = [
	'Boulangerie',
	'Garage',
	'Cabinet',
	'Menuiserie',
	'Imprimerie',
	'Librairie',
	'Pharmacie',
	'Fromagerie',
	'Atelier',
	'Ferronnerie',
	'Plomberie',
	'Électricité',
	'Transports',
	'Hôtel',
	'Brasserie',
	'Pâtisserie',
	'Kinésithérapie',
	'Éditions',
	'Crèche',
	'Verrerie',
];
const FAMILY_NAMES = [
	'Marchal',
	'Giraud',
	'Lefèvre',
	'Nouvel',
	'Roussel',
	'Perrin',
	'Morel',
	'Dumont',
	'Vidal',
	'Bérard',
	'Lemaître',
	'Fabre',
	'Gauthier',
	'Noël',
	'Hébert',
	'Mercier',
	'Rivière',
	'Brunet',
	'Faure',
	'Chênevert',
];
// Customers abroad (their own currency and language), one per book and position.
const ABROAD: [string, string, string][] = [
	['Northgate Clinics plc', 'en-GB', 'gbp'],
	['Pinecrest Software Inc.', 'en-US', 'usd'],
	['Studio Helvetica GmbH', 'de-CH', 'chf'],
	['Oakridge Analytics Ltd', 'en-GB', 'gbp'],
	['Riverside Dental LLC', 'en-US', 'usd'],
	['Alpine Outfitters AG', 'de-CH', 'chf'],
	['Quayside Logistics Ltd', 'en-GB', 'gbp'],
	['Yellowfield Farms Inc.', 'en-US', 'usd'],
];

export interface BookOptions {
	/** Which book (0, 1, 2…): picks distinct customers. */
	index: number;
	/** The simulated days (YYYY-MM-DD, business days, in order); the book's "today" is the first. */
	days: string[];
	/** Tag the first customer with two reminders sent (the exceptions templates: `strategic`). */
	escalateTag?: string;
}

/**
 * A book for a scenario: for every step and every simulated day, an invoice whose step falls due on that
 * day (its earlier steps already sent, the last one at least the scenario's gap before), plus one paid, one
 * disputed and one not yet due, and one customer with two invoices on the first step (a grouped email).
 */
export function scenarioBook(
	scenario: TemplateScenario,
	{ index, days, escalateTag }: BookOptions,
): { customers: BookCustomer[]; invoices: BookInvoice[] } {
	const today = days[0];
	const customers: BookCustomer[] = [];
	const invoices: BookInvoice[] = [];
	const customer = (tags?: string): string => {
		const i = customers.length;
		const key = `c${i}`;
		const abroad = i % 6 === 5 ? ABROAD[(i + index * 3) % ABROAD.length] : undefined;
		const name = abroad
			? abroad[0]
			: `${TRADES[i % TRADES.length]} ${FAMILY_NAMES[(i + 5 * index) % FAMILY_NAMES.length]}`;
		customers.push({
			key,
			name,
			email: `accounts@${slug(name)}.example`,
			locale: abroad ? abroad[1] : 'fr-FR',
			...(tags ? { tags } : {}),
		});
		return key;
	};
	const currencyOf = (key: string) => {
		const entry = customers.find((candidate) => candidate.key === key)!;
		return ABROAD.find(([name]) => name === entry.name)?.[2] ?? 'eur';
	};
	const daysBetween = (from: string, to: string) =>
		Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

	scenario.steps.forEach((step, stepIndex) => {
		days.forEach((day, dayIndex) => {
			const dueDate = addDays(day, -step.offsetDays);
			const earlier = scenario.steps.slice(0, stepIndex);
			const sent: [string, number][] = earlier.map((previous) => [
				previous.id,
				previous.offsetDays,
			]);
			if (sent.length) {
				// The last message at least the scenario's gap before the step's day.
				const latest = Math.min(
					sent[sent.length - 1][1],
					step.offsetDays - scenario.minDaysBetween,
				);
				sent[sent.length - 1] = [sent[sent.length - 1][0], latest];
			}
			// The escalate rule hands a tagged customer to a person after two customer reminders.
			const reminded = earlier.filter((previous) => previous.audience === 'customer').length;
			const tags = escalateTag && reminded === 2 && dayIndex === 0 ? escalateTag : undefined;
			const key = customer(tags);
			invoices.push({
				key: `${step.id}-day${dayIndex + 1}`,
				customer: key,
				currency: currencyOf(key),
				amount: 180 + ((stepIndex * 7 + dayIndex * 3 + index) % 11) * 215.5,
				daysOverdue: daysBetween(dueDate, today),
				sent,
			});
		});
	});
	const first = scenario.steps.find((step) => step.audience === 'customer') ?? scenario.steps[0];
	const grouped = customer();
	for (const extra of [0, 1]) {
		invoices.push({
			key: `grouped-${extra}`,
			customer: grouped,
			currency: 'eur',
			amount: 320 + extra * 145.8,
			daysOverdue: first.offsetDays + extra,
			sent: [],
		});
	}
	const last = Math.max(...scenario.steps.map((step) => step.offsetDays));
	invoices.push(
		{
			key: 'paid',
			customer: customer(),
			currency: 'eur',
			amount: 760,
			daysOverdue: 9,
			status: 'paid',
		},
		{
			key: 'disputed',
			customer: customer(),
			currency: 'eur',
			amount: 2150,
			daysOverdue: 12,
			disputed: true,
		},
		{ key: 'not-yet-due', customer: customer(), currency: 'eur', amount: 540, daysOverdue: -12 },
		{
			key: 'sequence-complete',
			customer: customer(),
			currency: 'eur',
			amount: 980,
			daysOverdue: last + 10,
			sent: scenario.steps.map((step) => [step.id, step.offsetDays] as [string, number]),
		},
	);
	return { customers, invoices };
}
