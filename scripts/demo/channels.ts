// The letter and SMS channels in the demo (issue 20): the customers get a postal address and a mobile number,
// the Registered Letter node posts to the Maileva simulator and n8n's own Twilio node, unchanged, reaches the
// Twilio simulator through a local HTTPS-intercepting proxy (test/simulators/intercepting-proxy.ts).
import type { CredentialJson } from '../n8n/instance';
import type { StripeSimulator } from '../../test/simulators/stripe';
import type { SeededBook } from '../../test/simulators/stripe/demo-book';
import type { QuickBooksSimulator } from '../../test/simulators/quickbooks';
import { TOKEN_PATH, type MailevaSimulator } from '../../test/simulators/postal';
import type { TwilioSimulator } from '../../test/simulators/twilio';
import {
	startInterceptingProxy,
	type InterceptingProxy,
} from '../../test/simulators/intercepting-proxy';

type Json = Record<string, unknown>;

export const MAILEVA_CREDENTIAL = { id: 'demoMailevaPost01', name: 'Maileva (registered letters)' };
export const TWILIO_CREDENTIAL = { id: 'demoTwilioApi0001', name: 'Twilio (reminders)' };

/** The simulator's default client and user (test/simulators/postal/server.ts). */
export function mailevaCredential(sim: MailevaSimulator): CredentialJson {
	return {
		...MAILEVA_CREDENTIAL,
		type: 'mailevaApi',
		data: {
			clientId: 'client-id',
			clientSecret: 'client-secret',
			username: 'user@example.com',
			password: 'secret',
			baseUrl: sim.url,
			tokenUrl: `${sim.url}${TOKEN_PATH}`,
		},
	};
}

/** The templates' Twilio credential (`twilioApi`, n8n's own) with the simulator's account and token. */
export function twilioCredential(sim: TwilioSimulator): CredentialJson {
	return {
		...TWILIO_CREDENTIAL,
		type: 'twilioApi',
		data: { authType: 'authToken', accountSid: sim.accountSid, authToken: sim.authToken },
	};
}

/**
 * n8n's Twilio node always calls https://api.twilio.com (its base URL is not a setting). n8n sends node
 * requests through HTTPS_PROXY (@n8n/backend-network, proxy-from-env), so the n8n process gets `proxy.env`:
 * api.twilio.com is answered by the simulator, every other host goes its own way.
 */
export function startTwilioProxy(sim: TwilioSimulator): Promise<InterceptingProxy> {
	return startInterceptingProxy({ 'api.twilio.com': sim.url });
}

const STREETS = [
	'rue de la République',
	'avenue Jean Jaurès',
	'place du Marché',
	'quai des Chartrons',
];
const CITIES: [string, string][] = [
	['69002', 'Lyon'],
	['33000', 'Bordeaux'],
	['44000', 'Nantes'],
	['13001', 'Marseille'],
];
/** Customers abroad: an address and a mobile number in their own country. */
const ABROAD: Record<string, { line1: string; postal: string; city: string; phone: string }> = {
	'en-GB': { line1: '12 Wharf Road', postal: 'N1 7GR', city: 'London', phone: '+44 7700 900' },
	'en-US': {
		line1: '500 Market Street',
		postal: '94105',
		city: 'San Francisco',
		phone: '+1 415 555 0',
	},
	'de-CH': { line1: 'Bahnhofstrasse 10', postal: '8001', city: 'Zürich', phone: '+41 79 555 0' },
};

interface Contact {
	line1: string;
	postalCode: string;
	city: string;
	country: string;
	phone: string;
}

/** A postal address and a mobile number for the i-th customer of a book (French unless abroad). */
function contactOf(index: number, locale: string): Contact {
	const suffix = String(100 + index).slice(-3);
	const abroad = ABROAD[locale];
	if (abroad) {
		return {
			line1: abroad.line1,
			postalCode: abroad.postal,
			city: abroad.city,
			country: locale.slice(3),
			phone: `${abroad.phone}${suffix}`,
		};
	}
	const [postalCode, city] = CITIES[index % CITIES.length];
	return {
		line1: `${index + 3} ${STREETS[index % STREETS.length]}`,
		postalCode,
		city,
		country: 'FR',
		phone: `+33 6 12 34 5${suffix.slice(0, 1)} ${suffix.slice(1)}`,
	};
}

/** Stripe: the customer's address and phone, and the invoice's snapshot of them (as Stripe finalises it). */
export function giveStripeContacts(sim: StripeSimulator, seeded: SeededBook): void {
	const contacts = new Map<string, Contact>();
	[...seeded.customers.values()].forEach((customer, index) => {
		const locale = String((customer.preferred_locales as string[] | undefined)?.[0] ?? 'fr-FR');
		const contact = contactOf(index, locale);
		contacts.set(String(customer.id), contact);
		const address = {
			line1: contact.line1,
			line2: null,
			postal_code: contact.postalCode,
			city: contact.city,
			state: null,
			country: contact.country,
		};
		Object.assign(sim.customers.get(String(customer.id)) ?? customer, {
			address,
			phone: contact.phone,
		});
	});
	for (const invoice of sim.invoices.values()) {
		const contact = contacts.get(String(invoice.customer));
		if (!contact) continue;
		invoice.customer_address = {
			line1: contact.line1,
			line2: null,
			postal_code: contact.postalCode,
			city: contact.city,
			state: null,
			country: contact.country,
		};
		invoice.customer_phone = contact.phone;
	}
}

/** QuickBooks: the customer's Mobile and BillAddr, and the invoice's BillAddr. */
export function giveQuickBooksContacts(sim: QuickBooksSimulator, locales: string[]): void {
	const addresses = new Map<string, Json>();
	[...sim.customers.entries()].forEach(([id, customer], index) => {
		const contact = contactOf(index, locales[index] ?? 'fr-FR');
		const billAddr = {
			Line1: contact.line1,
			City: contact.city,
			PostalCode: contact.postalCode,
			Country: contact.country,
		};
		addresses.set(id, billAddr);
		Object.assign(customer, { Mobile: { FreeFormNumber: contact.phone }, BillAddr: billAddr });
	});
	for (const invoice of sim.invoices.values()) {
		const ref = (invoice.CustomerRef as { value?: string } | undefined)?.value;
		const billAddr = ref ? addresses.get(String(ref)) : undefined;
		if (billAddr) invoice.BillAddr = { ...billAddr };
	}
}
