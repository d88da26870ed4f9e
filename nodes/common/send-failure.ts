/**
 * What a failed send means for its claim. `not_accepted`: the mail server certainly did not take the message,
 * so the claim can be released and the next run sends it. `unknown`: it may have gone out (a timeout or a
 * dropped connection once the message was handed over), so the claim stays and a person checks.
 */
export type SendFailureOutcome = 'not_accepted' | 'unknown';

/**
 * Failures known to happen before the server accepts the message, in nodemailer's and Node's wording as n8n's
 * Send Email node passes them on (its error output keeps only the message): no connection, no greeting, TLS or
 * login refused, the sender or every recipient refused (MAIL FROM / RCPT TO), a reply other than 250 to the
 * message itself, or no valid recipient at all.
 */
const BEFORE_ACCEPTANCE: RegExp[] = [
	/\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/,
	/\bconnection timeout\b|greeting never received/i,
	/\bEAUTH\b|invalid login|authentication (failed|unsuccessful)|\b535[ -]/i,
	/\bETLS\b|starttls|self[- ]signed certificate|certificate (has expired|verify)/i,
	/\bEENVELOPE\b|no recipients defined|recipients were rejected|sender address rejected/i,
	/mail from (command )?failed|recipient (address )?rejected/i,
	/message failed: [45]\d\d\b/i,
	/invalid email address|isn't valid or contains multiple addresses/i,
];

/**
 * The one rule that tells a send failure whose message certainly did not leave from one that may have. Only
 * a recognised "before acceptance" failure is `not_accepted`; anything else (a plain timeout, a reset or
 * closed socket, an unknown text) is `unknown`, so a doubt never leads to a second message.
 */
export function classifySendFailure(error: unknown): SendFailureOutcome {
	const text = errorText(error);
	return BEFORE_ACCEPTANCE.some((pattern) => pattern.test(text)) ? 'not_accepted' : 'unknown';
}

function errorText(error: unknown): string {
	if (typeof error === 'string') return error;
	if (typeof error !== 'object' || error === null) return '';
	const { message, code, description } = error as Record<string, unknown>;
	return [code, message, description].filter((part) => typeof part === 'string').join(' ');
}
