import type { Invoice } from '../invoice';
import type { Program } from './ast';
import type { PenaltyResult } from '../penalty/types';
import type { Tone } from '../scenario/types';

/**
 * The tones the composer writes: a scenario step's tones, and `thanks` (issue 21): the short thank-you for
 * an invoice that was reminded and is now paid. Not a step tone: no scenario step sends it.
 */
export type ComposerTone = Tone | 'thanks';

export interface ComposeSender {
	/** Empty: a department name in the message's language ("Service comptabilité"). */
	name: string;
	email?: string;
	phone?: string;
	/** Several lines allowed; replaces the name/email/phone lines under the message. */
	signature?: string;
}

/** A user's own Handlebars template; without `html`, the HTML part is made from the text part. */
export interface ComposeTemplate {
	subject: string;
	text: string;
	html?: string;
}

/** DESIGN.md section 5, plus the optional `daysOverdue` (see README: not in the contract yet). */
export interface ComposeInput {
	invoice: Invoice;
	stepId?: string;
	tone: ComposerTone;
	/** `fr`, `en`, or a tag of them (`fr-FR`). */
	language: string;
	sender: ComposeSender;
	penalty?: PenaltyResult;
	template?: ComposeTemplate;
	/**
	 * Today − due date in calendar days, as in the scenario's `Decision.daysOverdue`. The core has no
	 * clock: without it, templates do not mention how late the invoice is.
	 */
	daysOverdue?: number;
	/**
	 * Issue 19 #5: the date the customer had promised to pay by (`decision.brokenPromiseOn` of a
	 * `promise_broken` decision). The message says so, in at least the firm tone.
	 */
	brokenPromiseOn?: string | null;
}

export interface ComposedReminder {
	/** The customer's email, or null (missing email, or the internal tone: the node picks that recipient). */
	to: string | null;
	subject: string;
	text: string;
	html: string;
	/** The language actually used (`fr` for `fr-FR`). */
	language: string;
	/** `builtin:fr/friendly` or `custom:<hash of the template>`. */
	templateId: string;
	/** `<source>:<invoice id>:<stepId>` when a step id is given. */
	idempotencyKey: string | null;
}

/** One built-in template after the build: Handlebars sources, the HTML already compiled from MJML. */
export interface BuiltinTemplate {
	subject: string;
	text: string;
	html: string;
}

/** The syntax trees of a built-in template's parts, parsed at build time (`generated/programs.ts`). */
export interface BuiltinPrograms {
	subject: Program;
	text: Program;
	html: Program;
}
