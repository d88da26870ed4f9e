import { createHash } from 'node:crypto';

import { assertIsoDate, type IsoDate } from '../dates';
import { DunningInputError, describeValue } from '../errors';
import { normalizeInvoice, type Invoice } from '../invoice';
import { getOrCreate } from '../memo';
import { normalizeCurrency } from '../money';
import { TONES, type Tone } from '../scenario/types';
import { assertObject, assertText } from '../shape';
import { builtinPrograms, builtinTemplate, builtinTemplateId, isBuiltinPrograms } from './builtin';
import { ROOT_VARIABLES, buildTemplateData, validatePenalty, validateSender } from './context';
import { escapeHtml, type HelperEnv, type RenderMode } from './helpers';
import { resolveComposerLanguage, type ComposerLanguage } from './language';
import { toneAfterBrokenPromise } from './letter';
import { createRenderState, renderBody, type RenderState } from './render';
import { builtinBody, parseTemplate } from './template';
import type {
	BuiltinPrograms,
	ComposeInput,
	ComposeTemplate,
	ComposedReminder,
	ComposerTone,
} from './types';

/** Every tone the composer writes: the step tones, then `thanks` (issue 21: a reminded invoice paid). */
export const COMPOSER_TONES: readonly ComposerTone[] = [...TONES, 'thanks'];

/** A template set ready to render: where it comes from, and the field its errors name. */
export interface TemplateSet {
	id: string;
	subject: string;
	text: string;
	html: string | null;
	/** `template` for a user's template, `builtin:fr/friendly` for ours. */
	field: string;
	/** A built-in's parts, parsed at build time; null for a user's template (parsed and cached here). */
	programs: BuiltinPrograms | null;
}

// One frozen set per built-in language and tone, made on first use.
const builtinSets = new Map<ComposerLanguage, Map<ComposerTone, TemplateSet>>();

function builtinSet(language: ComposerLanguage, tone: ComposerTone): TemplateSet {
	const sets = getOrCreate(builtinSets, language, () => new Map<ComposerTone, TemplateSet>());
	return getOrCreate(sets, tone, () => {
		const id = builtinTemplateId(language, tone);
		const programs = builtinPrograms(language, tone);
		return Object.freeze({ id, ...builtinTemplate(language, tone), field: id, programs });
	});
}

function customTemplateId(subject: string, text: string, html: string | null): string {
	const hash = createHash('sha256')
		.update(`${subject}\u0000${text}\u0000${html ?? ''}`)
		.digest('hex')
		.slice(0, 16);
	return `custom:${hash}`;
}

/**
 * The template set to render: the user's `template` (checked), else the built-in one of the language and
 * tone. `language` accepts a tag (`fr-FR`) like `composeReminder`.
 */
export function resolveTemplateSet(
	template: unknown,
	language: ComposerLanguage,
	tone: ComposerTone,
): TemplateSet {
	if (template === undefined || template === null) {
		return builtinSet(resolveComposerLanguage(language), assertComposerTone(tone));
	}
	if (typeof template !== 'object' || Array.isArray(template)) {
		throw new DunningInputError('template', `${describeValue(template)} is not an object`);
	}
	const custom = template as Partial<Record<keyof ComposeTemplate, unknown>>;
	for (const part of ['subject', 'text'] as const) {
		if (typeof custom[part] !== 'string' || (custom[part] as string).trim() === '') {
			throw new DunningInputError(
				`template.${part}`,
				`${describeValue(custom[part])} is not a template`,
			);
		}
	}
	if (custom.html !== undefined && custom.html !== null && typeof custom.html !== 'string') {
		throw new DunningInputError('template.html', `${describeValue(custom.html)} is not a template`);
	}
	const subject = custom.subject as string;
	const text = custom.text as string;
	const html = typeof custom.html === 'string' && custom.html.trim() !== '' ? custom.html : null;
	const id = customTemplateId(subject, text, html);
	return { id, subject, text, html, field: 'template', programs: null };
}

function renderPart(
	set: TemplateSet,
	part: 'subject' | 'text' | 'html',
	mode: RenderMode,
	state: RenderState,
	rootVariables: ReadonlySet<string>,
): string {
	const field = `${set.field}.${part}`;
	const body = set.programs
		? builtinBody(set.programs[part], mode, field, rootVariables)
		: parseTemplate(set[part] as string, mode, field, rootVariables);
	return renderBody(body, state, mode, field);
}

/**
 * One line, whatever the data holds: a name with a line break must not add a mail header. Runs of
 * whitespace become one space, ends are trimmed; a subject already like that (the usual case) is kept.
 */
function oneLine(text: string): string {
	return /[^\S ]| {2}|^ | $/.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

type RenderedParts = { subject: string; text: string; html: string };

/**
 * Renders the three parts of a template set for a caller of the core: the set, data and environment
 * are checked first (a set may have been copied, e.g. through JSON: a built-in tree that is not the one
 * `resolveTemplateSet` made is not trusted, its parts are parsed from their sources instead).
 */
export function renderTemplateSet(
	set: TemplateSet,
	data: object,
	env: Omit<HelperEnv, 'mode'>,
	rootVariables: ReadonlySet<string> = ROOT_VARIABLES,
): RenderedParts {
	if (!(rootVariables instanceof Set)) {
		throw new DunningInputError('rootVariables', `${describeValue(rootVariables)} is not a Set`);
	}
	return renderCheckedSet(
		checkedTemplateSet(set),
		assertObject(data, 'data'),
		checkedEnv(env),
		rootVariables,
	);
}

function checkedTemplateSet(value: unknown): TemplateSet {
	const set = assertObject(value, 'set');
	const html = set.html === null ? null : assertText(set.html, 'set.html');
	return {
		id: assertText(set.id, 'set.id'),
		subject: assertText(set.subject, 'set.subject'),
		text: assertText(set.text, 'set.text'),
		html,
		field: assertText(set.field, 'set.field'),
		programs: isBuiltinPrograms(set.programs) ? set.programs : null,
	};
}

function checkedEnv(value: unknown): Omit<HelperEnv, 'mode'> {
	const env = assertObject(value, 'env');
	const language = resolveComposerLanguage(env.language, 'env.language');
	return {
		language,
		currency: normalizeCurrency(env.currency, 'env.currency'),
		sender: validateSender(env.sender, language, 'env.sender'),
	};
}

/**
 * Renders the three parts of a set its caller made or checked; also the building block of the
 * per-customer message (section 5b), whose data has other variables (`rootVariables`).
 */
export function renderCheckedSet(
	set: TemplateSet,
	data: object,
	env: Omit<HelperEnv, 'mode'>,
	rootVariables: ReadonlySet<string> = ROOT_VARIABLES,
): RenderedParts {
	const state = createRenderState(data as Record<string, unknown>, env);
	const subject = oneLine(renderPart(set, 'subject', 'text', state, rootVariables));
	const text = renderPart(set, 'text', 'text', state, rootVariables);
	const html =
		set.html === null
			? textToHtml(text, env.language)
			: renderPart(set, 'html', 'html', state, rootVariables);
	return { subject, text, html };
}

/** The HTML part of a custom template given without one: the text, escaped, in paragraphs. */
export function textToHtml(text: string, language: ComposerLanguage): string {
	const paragraphs = text
		.trim()
		.split(/\n\s*\n/)
		.map((block) => `<p>${escapeHtml(block.trim()).replace(/\r?\n/g, '<br>')}</p>`);
	return (
		`<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
		'<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
		'<body style="font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2933">' +
		`${paragraphs.join('\n')}</body></html>`
	);
}

function optionalStepId(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string' || value.trim() === '') {
		throw new DunningInputError('stepId', `${describeValue(value)} is not a non-empty string`);
	}
	return value;
}

function optionalDays(value: unknown): number | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
		throw new DunningInputError('daysOverdue', `${describeValue(value)} is not an integer`);
	}
	return value;
}

/** `brokenPromiseOn` (issue 19 #5): the date a broken promise was for, or null. */
export function optionalBrokenPromise(value: unknown, field = 'brokenPromiseOn'): IsoDate | null {
	return value === undefined || value === null ? null : assertIsoDate(value, field);
}

export function assertTone(value: unknown, field = 'tone'): Tone {
	if (typeof value !== 'string' || !(TONES as readonly string[]).includes(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not one of ${TONES.join(', ')}`);
	}
	return value as Tone;
}

/** A tone of a single-invoice message: a step tone or `thanks`. */
export function assertComposerTone(value: unknown, field = 'tone'): ComposerTone {
	if (typeof value !== 'string' || !(COMPOSER_TONES as readonly string[]).includes(value)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not one of ${COMPOSER_TONES.join(', ')}`,
		);
	}
	return value as ComposerTone;
}

/**
 * The thank-you states the amount received: an invoice with no payment has nothing to thank for, and one
 * still owing money is not paid (a part payment is no reason to thank a customer who still owes).
 */
function assertThanksApplies(invoice: Invoice): void {
	if (invoice.paidMinor <= 0 || invoice.dueMinor > 0) {
		throw new DunningInputError(
			'tone',
			`"thanks" is for a paid invoice: invoice ${invoice.number ?? invoice.id} has ${invoice.paidMinor} received and ${invoice.dueMinor} still due (minor units)`,
		);
	}
}

/**
 * One reminder email for one invoice (DESIGN.md section 5): the built-in template of the tone and
 * language, or the user's own, rendered with the invoice, sender and penalty. Pure and synchronous.
 */
export function composeReminder(input: ComposeInput): ComposedReminder {
	if (typeof input !== 'object' || input === null) {
		throw new DunningInputError('input', `${describeValue(input)} is not an object`);
	}
	const invoice = normalizeInvoice(input.invoice, 'invoice');
	const brokenPromiseOn = optionalBrokenPromise(input.brokenPromiseOn);
	const stepTone = assertComposerTone(input.tone);
	if (stepTone === 'thanks') assertThanksApplies(invoice);
	const tone =
		brokenPromiseOn === null || stepTone === 'thanks' ? stepTone : toneAfterBrokenPromise(stepTone);
	const language = resolveComposerLanguage(input.language);
	const sender = validateSender(input.sender, language);
	const penalty = validatePenalty(input.penalty);
	const stepId = optionalStepId(input.stepId);
	const set = resolveTemplateSet(input.template, language, tone);
	const data = buildTemplateData({
		invoice,
		stepId,
		tone,
		language,
		sender,
		penalty,
		daysOverdue: optionalDays(input.daysOverdue),
		brokenPromiseOn,
	});
	const parts = renderCheckedSet(set, data, { language, currency: invoice.currency, sender });
	return {
		// The internal summary is for the accounting team, never the customer: the node addresses it.
		to: tone === 'internal' ? null : invoice.customer.email,
		...parts,
		language,
		templateId: set.id,
		idempotencyKey: stepId === null ? null : `${invoice.source}:${invoice.id}:${stepId}`,
	};
}
