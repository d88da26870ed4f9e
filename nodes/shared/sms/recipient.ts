/**
 * Where an SMS goes: the customer's phone number (`invoice.customer.phone`, from the source) as E.164, when it
 * is a mobile number. A landline cannot receive an SMS, and an SMS gateway (Twilio) wants E.164 (`+33612345678`).
 */

/** Country calling codes of the billing countries whose national numbers start with a trunk 0. */
const CALLING_CODES: Readonly<Record<string, string>> = {
	FR: '33',
	BE: '32',
	LU: '352',
	CH: '41',
	DE: '49',
	AT: '43',
	ES: '34',
	IT: '39',
	NL: '31',
	GB: '44',
	IE: '353',
};

/**
 * Mobile ranges by calling code (national significant number prefixes, from each regulator's numbering
 * plan): France 6 and 7 (ARCEP), Belgium 4, Germany 15, 16, 17, Spain 6 and 7, United Kingdom 7, Switzerland 7,
 * Italy 3, Netherlands 6. A number of another country is taken as it is: the gateway refuses a landline.
 */
const MOBILE_PREFIXES: Readonly<Record<string, RegExp>> = {
	'33': /^[67]/,
	'32': /^4/,
	'49': /^1[5-7]/,
	'34': /^[67]/,
	'44': /^7/,
	'41': /^7/,
	'39': /^3/,
	'31': /^6/,
};

export type SmsRecipient =
	| { to: string; reason: null }
	/** `reason` is what the template's fallback records; `detail` says why, for the team. */
	| { to: null; reason: 'no mobile number'; detail: string };

function e164(phone: string, country: string | null): string | null {
	const compact = phone.replace(/[\s.\-()/\u00a0\u202f]/g, '');
	if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
	if (/^00[1-9]\d{6,14}$/.test(compact)) return `+${compact.slice(2)}`;
	const code = country ? CALLING_CODES[country] : undefined;
	if (code && /^0[1-9]\d{5,13}$/.test(compact)) return `+${code}${compact.slice(1)}`;
	return null;
}

function callingCodeOf(number: string): string | null {
	const digits = number.slice(1);
	for (const length of [3, 2]) {
		const code = digits.slice(0, length);
		if (Object.values(CALLING_CODES).includes(code)) return code;
	}
	return null;
}

/** The customer's mobile number as E.164, or why there is none. Pure. */
export function smsRecipient(
	phone: string | null | undefined,
	country: string | null,
): SmsRecipient {
	if (typeof phone !== 'string' || phone.trim() === '') {
		return { to: null, reason: 'no mobile number', detail: 'the customer has no phone number' };
	}
	const number = e164(phone.trim(), country);
	if (number === null) {
		return {
			to: null,
			reason: 'no mobile number',
			detail: `"${phone.trim()}" is not an international number (+33 6...) and the billing country gives no calling code`,
		};
	}
	const code = callingCodeOf(number);
	const mobile = code ? MOBILE_PREFIXES[code] : undefined;
	if (mobile && !mobile.test(number.slice(1 + (code as string).length))) {
		return {
			to: null,
			reason: 'no mobile number',
			detail: `${number} is not a mobile number (a landline cannot receive an SMS)`,
		};
	}
	return { to: number, reason: null };
}
