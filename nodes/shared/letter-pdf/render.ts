import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit/dist/fontkit.umd.min.js';
import {
	PDFDocument,
	PDFHexString,
	rgb,
	type PDFFont,
	type PDFPage,
} from 'pdf-lib/dist/pdf-lib.min.js';

import {
	assertIsoDate,
	composeCustomerReminder,
	describeValue,
	DunningInputError,
	formatDate,
	formatMoney,
	recipientLines,
	resolveComposerLanguage,
	salutationFor,
	validateSender,
	type ComposeCustomerInput,
	type ComposerLanguage,
	type ComposerTone,
	type Invoice,
	type IsoDate,
	type PenaltyResult,
} from './core';
import { letterBody, type LetterBlock, type LetterLine } from './blocks';
import { DEJAVU_SANS, DEJAVU_SANS_BOLD } from './generated/fonts';
import { LETTER_WORDS } from './words';

/** The sender's postal address, printed top left and used as the return address. */
export interface LetterSenderAddress {
	/** The company name; empty: the composer's sender name. */
	name?: string;
	lines: string[];
	postalCode: string | null;
	city: string | null;
	/** ISO 3166-1 alpha-2; a recipient in another country gets the country line. */
	country: string | null;
}

/** The composer's per-customer input (DESIGN.md 5b) plus what only a letter has. */
export interface LetterInput extends ComposeCustomerInput {
	senderAddress: LetterSenderAddress;
	/** The letter's date: printed, and the PDF's CreationDate and ModDate (so same input, same bytes). */
	date: IsoDate;
	/** "Lyon, le ..."; default: the sender's city. */
	place?: string;
	/** `registered` (LRAR, default), `electronic` (LRE) or `none` (no mention). */
	delivery?: 'registered' | 'electronic' | 'none';
	/**
	 * The message already composed for these invoices (the Reminder Composer node passes the email it wrote,
	 * from a built-in or a custom template): the letter then says word for word what the email says. Absent:
	 * composed here with `composeCustomerReminder` from this same input.
	 */
	message?: LetterMessage;
}

/** What the letter needs of a composed message. */
export interface LetterMessage {
	subject: string;
	text: string;
	tone: ComposerTone;
	/** The invoices it is about, in the order it lists them (each one of `invoices`). */
	invoiceIds: string[];
	idempotencyKey: string;
}

export interface LetterPdf {
	pdf: Uint8Array;
	/** `mise-en-demeure-F-2026-001.pdf` */
	fileName: string;
	pageCount: number;
	subject: string;
	/** The composer's text the letter was laid out from (the email's text part). */
	text: string;
	language: ComposerLanguage;
	invoiceIds: string[];
	idempotencyKey: string;
}

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGIN = { left: 25 * MM, right: 20 * MM, top: 20 * MM, bottom: 20 * MM };
/**
 * The recipient block, for a French DL envelope (110 × 220 mm) with a 45 × 100 mm window on the right,
 * as French mail processors lay it out: a 85 × 33 mm frame, 110 mm from the left edge and 55 mm from the
 * top, which leaves the registered-mail barcode room above the address in the window. (DIN 5008 form B,
 * the German layout, puts the field at 20 mm from the left and 45 mm from the top: not used here.)
 */
const WINDOW = { left: 110 * MM, top: 55 * MM, width: 85 * MM, height: 33 * MM };
const SIZE = { body: 10, small: 8.5, address: 10 };
const LEADING = 1.32;
const INK = rgb(0.1, 0.12, 0.15);
const GREY = rgb(0.4, 0.43, 0.47);
const ACCENT = rgb(0.61, 0.11, 0.11);
const PRODUCER = 'n8n-nodes-dunning (pdf-lib 1.17.1, DejaVu Sans)';

interface Fonts {
	regular: PDFFont;
	bold: PDFFont;
}

/** Breaks `text` into lines no wider than `width`: at spaces, and inside a word longer than a line. */
export function wrapText(text: string, width: number, measure: (text: string) => number): string[] {
	const lines: string[] = [];
	let current = '';
	const push = (word: string) => {
		const candidate = current === '' ? word : `${current} ${word}`;
		if (measure(candidate) <= width) {
			current = candidate;
			return;
		}
		if (current !== '') lines.push(current);
		current = '';
		let rest = word;
		while (measure(rest) > width) {
			let cut = rest.length - 1;
			while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
			lines.push(rest.slice(0, cut));
			rest = rest.slice(cut);
		}
		current = rest;
	};
	for (const word of text.split(' ')) push(word);
	lines.push(current);
	return lines;
}

/** A page being filled from the top; a new one starts when the next piece does not fit. */
class Flow {
	pages: PDFPage[] = [];
	y = 0;

	constructor(
		private readonly document: PDFDocument,
		private readonly onNewPage: (page: PDFPage, index: number) => number,
	) {
		this.newPage();
	}

	get page(): PDFPage {
		return this.pages[this.pages.length - 1];
	}

	newPage(): void {
		const page = this.document.addPage([PAGE.width, PAGE.height]);
		this.pages.push(page);
		this.y = this.onNewPage(page, this.pages.length);
	}

	/** Makes room for `height` points, on a new page when this one is full. */
	reserve(height: number): void {
		if (this.y - height < MARGIN.bottom) this.newPage();
	}
}

function assertSenderAddress(value: unknown): LetterSenderAddress {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new DunningInputError('senderAddress', `${describeValue(value)} is not an object`);
	}
	const address = value as LetterSenderAddress;
	if (!Array.isArray(address.lines) || !address.lines.every((line) => typeof line === 'string')) {
		throw new DunningInputError('senderAddress.lines', 'is not a list of strings');
	}
	if (!address.city) {
		throw new DunningInputError(
			'senderAddress.city',
			'is missing: a letter states where it is sent from',
		);
	}
	return address;
}

function senderLines(address: LetterSenderAddress, name: string): string[] {
	const city = [address.postalCode, address.city].filter(Boolean).join(' ');
	return [
		address.name?.trim() || name,
		...address.lines.filter((line) => line.trim() !== ''),
		city,
	];
}

/** The language the sender's post office reads a destination country in (UPU: the origin's language). */
function countryLanguage(senderCountry: string | null): string {
	switch (senderCountry) {
		case 'DE':
		case 'AT':
			return 'de';
		case 'ES':
			return 'es';
		case 'FR':
		case 'BE':
		case 'LU':
		case 'MC':
			return 'fr';
		default:
			return 'en';
	}
}

/**
 * The address in the window: the composer's recipient lines, then, for mail abroad, the destination
 * country in capitals on the last line. La Poste allows 6 lines (7 abroad) of 38 characters.
 */
function windowLines(invoice: Invoice, senderCountry: string | null): string[] {
	const lines = recipientLines(invoice);
	const address = invoice.customer.address ?? null;
	if (!address || lines.length < 2) {
		throw new DunningInputError(
			'invoices[0].customer.address',
			'is missing: a letter needs the customer\u2019s postal address (Stripe customer address, QuickBooks BillAddr)',
		);
	}
	if (address.country && senderCountry && address.country !== senderCountry) {
		const names = new Intl.DisplayNames([countryLanguage(senderCountry)], { type: 'region' });
		lines.push((names.of(address.country) ?? address.country).toLocaleUpperCase());
	}
	return lines;
}

/** Every amount the composer prints for these invoices, as it formats them (to find the amount rows). */
function printedAmounts(
	invoices: Invoice[],
	penalties: (PenaltyResult | null)[],
	language: ComposerLanguage,
): Set<string> {
	const amounts = new Set<string>();
	invoices.forEach((invoice, index) => {
		const money = (minor: number, currency = invoice.currency) =>
			amounts.add(formatMoney(minor, currency, language));
		money(invoice.dueMinor);
		money(invoice.totalMinor);
		const penalty = penalties[index];
		if (!penalty) return;
		money(penalty.interestMinor);
		money(penalty.compensationMinor);
		money(invoice.dueMinor + penalty.totalMinor);
		for (const period of penalty.periods) money(period.interestMinor);
		const fixed = penalty.fixedCompensation;
		if (fixed) money(fixed.amountMinor, fixed.currency);
	});
	const byCurrency = new Map<string, number>();
	for (const invoice of invoices) {
		byCurrency.set(invoice.currency, (byCurrency.get(invoice.currency) ?? 0) + invoice.dueMinor);
	}
	for (const [currency, minor] of byCurrency) amounts.add(formatMoney(minor, currency, language));
	return amounts;
}

/** A message given by the caller, checked against the invoices it is said to be about. */
function givenMessage(message: LetterMessage, invoices: Invoice[]): LetterMessage {
	const ids = new Set(Array.isArray(invoices) ? invoices.map((invoice) => invoice?.id) : []);
	const { subject, text, tone, invoiceIds, idempotencyKey } = message;
	if (typeof subject !== 'string' || typeof text !== 'string' || text.trim() === '') {
		throw new DunningInputError('message', 'has no subject or no text');
	}
	if (typeof idempotencyKey !== 'string' || idempotencyKey === '') {
		throw new DunningInputError(
			'message.idempotencyKey',
			'is missing: a letter is posted once per key',
		);
	}
	if (
		!Array.isArray(invoiceIds) ||
		invoiceIds.length !== ids.size ||
		!invoiceIds.every((id) => ids.has(id))
	) {
		throw new DunningInputError('message.invoiceIds', 'are not the ids of the invoices given');
	}
	return { subject, text, tone, invoiceIds, idempotencyKey };
}

/** The PDF's /ID: a digest of what the letter is, so the same letter always gets the same id. */
function documentId(idempotencyKey: string, date: IsoDate, text: string): PDFHexString {
	const digest = createHash('sha256').update(`${idempotencyKey}\n${date}\n${text}`).digest('hex');
	return PDFHexString.of(digest.slice(0, 32).toUpperCase());
}

function fileNameOf(stem: string, invoices: Invoice[]): string {
	const first = invoices[0];
	const reference = (first.number ?? first.id).replace(/[^A-Za-z0-9._-]+/g, '-');
	const more = invoices.length > 1 ? `-et-${invoices.length - 1}` : '';
	return `${stem}-${reference}${more}.pdf`;
}

function drawLines(
	page: PDFPage,
	lines: string[],
	x: number,
	top: number,
	font: PDFFont,
	size: number,
) {
	lines.forEach((line, index) => {
		page.drawText(line, { x, y: top - size - index * size * LEADING, size, font, color: INK });
	});
}

export async function renderLetterPdf(input: LetterInput): Promise<LetterPdf> {
	if (typeof input !== 'object' || input === null) {
		throw new DunningInputError('input', `${describeValue(input)} is not an object`);
	}
	const date = assertIsoDate(input.date, 'date');
	const language = resolveComposerLanguage(input.language);
	const senderAddress = assertSenderAddress(input.senderAddress);
	const composed = input.message
		? givenMessage(input.message, input.invoices)
		: composeCustomerReminder(input);
	if (composed.tone === 'internal') {
		throw new DunningInputError(
			'tone',
			'internal is a summary for the team, not a letter to the customer',
		);
	}
	const byId = new Map(input.invoices.map((invoice, index) => [invoice.id, index]));
	const order = composed.invoiceIds.map((id) => byId.get(id) as number);
	const invoices = order.map((index) => input.invoices[index]);
	const penalties = order.map((index) => input.penalties?.[index] ?? null);
	const sender = validateSender(input.sender, language);
	const words = LETTER_WORDS[language];
	const recipient = windowLines(invoices[0], senderAddress.country);
	const body = letterBody(composed.text, {
		recipientLines: recipientLines(invoices[0]),
		salutation: salutationFor(language, composed.tone),
		amounts: printedAmounts(invoices, penalties, language),
		fallbackSubject: `${words.subjectLabel} ${composed.subject}`,
	});

	const document = await PDFDocument.create({ updateMetadata: false });
	document.registerFontkit(fontkit);
	const fonts: Fonts = {
		// A fixed subset tag: pdf-lib would draw a random one, and the bytes must not change run to run.
		regular: await document.embedFont(DEJAVU_SANS, {
			subset: true,
			customName: 'DLTRAA+DejaVuSans',
		}),
		bold: await document.embedFont(DEJAVU_SANS_BOLD, {
			subset: true,
			customName: 'DLTRAB+DejaVuSans-Bold',
		}),
	};
	const measure = (font: PDFFont, size: number) => (text: string) =>
		font.widthOfTextAtSize(text, size);
	const width = PAGE.width - MARGIN.left - MARGIN.right;
	const line = SIZE.body * LEADING;
	const senderName = senderAddress.name?.trim() || sender.name;

	const flow = new Flow(document, (page, index) => {
		if (index === 1) return drawFirstPageHead(page);
		page.drawText(`${senderName} \u2014 ${body.subject}`.slice(0, 110), {
			x: MARGIN.left,
			y: PAGE.height - MARGIN.top,
			size: SIZE.small,
			font: fonts.regular,
			color: GREY,
		});
		return PAGE.height - MARGIN.top - 3 * line;
	});

	function drawFirstPageHead(page: PDFPage): number {
		const top = PAGE.height - MARGIN.top;
		const from = senderLines(senderAddress, sender.name);
		page.drawText(from[0], {
			x: MARGIN.left,
			y: top - SIZE.body,
			size: SIZE.body,
			font: fonts.bold,
			color: INK,
		});
		drawLines(
			page,
			from.slice(1),
			MARGIN.left,
			top - SIZE.body * LEADING,
			fonts.regular,
			SIZE.small,
		);
		const contact = [sender.email, sender.phone].filter((value): value is string => !!value);
		drawLines(
			page,
			contact,
			MARGIN.left,
			top - SIZE.body * LEADING - from.length * SIZE.small * LEADING,
			fonts.regular,
			SIZE.small,
		);

		// The address window: shrunk to 9 pt before it would overflow the frame, refused after.
		let size = SIZE.address;
		let wrapped = recipient.flatMap((text) =>
			wrapText(text, WINDOW.width, measure(fonts.regular, size)),
		);
		if (wrapped.length * size * 1.2 > WINDOW.height) {
			size = 9;
			wrapped = recipient.flatMap((text) =>
				wrapText(text, WINDOW.width, measure(fonts.regular, size)),
			);
		}
		if (wrapped.length * size * 1.2 > WINDOW.height) {
			throw new DunningInputError(
				'invoices[0].customer.address',
				`takes ${wrapped.length} lines: it does not fit the envelope window (La Poste allows 6 lines of 38 characters, 7 abroad)`,
			);
		}
		wrapped.forEach((text, index) => {
			page.drawText(text, {
				x: WINDOW.left,
				y: PAGE.height - WINDOW.top - size - index * size * 1.2,
				size,
				font: index === 0 ? fonts.bold : fonts.regular,
				color: INK,
			});
		});

		let y = PAGE.height - WINDOW.top - WINDOW.height - 6 * MM;
		const placeDate = words.placeAndDate(
			input.place?.trim() || (senderAddress.city as string),
			formatDate(date, language),
		);
		page.drawText(placeDate, {
			x: PAGE.width - MARGIN.right - fonts.regular.widthOfTextAtSize(placeDate, SIZE.body),
			y,
			size: SIZE.body,
			font: fonts.regular,
			color: INK,
		});
		y -= 2 * line;
		const delivery = input.delivery ?? 'registered';
		if (delivery !== 'none') {
			const mention = delivery === 'electronic' ? words.registeredElectronic : words.registered;
			page.drawText(mention, {
				x: MARGIN.left,
				y,
				size: SIZE.body,
				font: fonts.bold,
				color: ACCENT,
			});
			y -= line;
		}
		for (const text of wrapText(body.subject, width, measure(fonts.bold, SIZE.body))) {
			page.drawText(text, { x: MARGIN.left, y, size: SIZE.body, font: fonts.bold, color: INK });
			y -= line;
		}
		return y - line + SIZE.body;
	}

	for (const block of body.blocks) drawBlock(block);

	function drawBlock(block: LetterBlock): void {
		if (block.kind === 'signature') {
			// Room to sign by hand, and the signature lines never split across pages.
			flow.reserve((block.lines.length + 2) * line);
			flow.y -= 2 * line;
			block.lines.forEach((text, index) => {
				flow.page.drawText(text, {
					x: MARGIN.left,
					y: flow.y - SIZE.body,
					size: SIZE.body,
					font: index === 0 ? fonts.bold : fonts.regular,
					color: INK,
				});
				flow.y -= line;
			});
			return;
		}
		for (const item of block.lines) drawLine(item);
		flow.y -= line * 0.6;
	}

	function drawLine(item: LetterLine): void {
		if (item.kind === 'row') {
			const font = item.total ? fonts.bold : fonts.regular;
			const amountWidth = font.widthOfTextAtSize(item.amount, SIZE.body);
			const labelWidth = width - 12 * MM - Math.max(amountWidth, 28 * MM) - 6 * MM;
			const labels = wrapText(item.label, labelWidth, measure(font, SIZE.body));
			const height = labels.length * line + (item.total ? 4 : 1);
			flow.reserve(height);
			if (item.total) {
				flow.page.drawLine({
					start: { x: MARGIN.left + 6 * MM, y: flow.y + 1 },
					end: { x: PAGE.width - MARGIN.right, y: flow.y + 1 },
					thickness: 0.6,
					color: GREY,
				});
				flow.y -= 3;
			}
			labels.forEach((text, index) => {
				flow.page.drawText(text, {
					x: MARGIN.left + 6 * MM,
					y: flow.y - SIZE.body - index * line,
					size: SIZE.body,
					font,
					color: INK,
				});
			});
			flow.page.drawText(item.amount, {
				x: PAGE.width - MARGIN.right - amountWidth,
				y: flow.y - SIZE.body - (labels.length - 1) * line,
				size: SIZE.body,
				font,
				color: INK,
			});
			flow.y -= labels.length * line + 1;
			return;
		}
		const indent = item.indent * 6 * MM;
		const wrapped = wrapText(item.text, width - indent, measure(fonts.regular, SIZE.body));
		wrapped.forEach((text, index) => {
			flow.reserve(line);
			if (item.bullet && index === 0) {
				flow.page.drawText('\u2022', {
					x: MARGIN.left + 2 * MM,
					y: flow.y - SIZE.body,
					size: SIZE.body,
					font: fonts.regular,
					color: INK,
				});
			}
			flow.page.drawText(text, {
				x: MARGIN.left + indent,
				y: flow.y - SIZE.body,
				size: SIZE.body,
				font: fonts.regular,
				color: INK,
			});
			flow.y -= line;
		});
	}

	const count = flow.pages.length;
	flow.pages.forEach((page, index) => {
		const footer = words.page(index + 1, count);
		page.drawText(footer, {
			x: (PAGE.width - fonts.regular.widthOfTextAtSize(footer, SIZE.small)) / 2,
			y: 12 * MM,
			size: SIZE.small,
			font: fonts.regular,
			color: GREY,
		});
	});

	// Same input, same bytes: every date and id in the file comes from the input.
	const stamp = new Date(`${date}T00:00:00Z`);
	document.setTitle(body.subject);
	document.setAuthor(senderName);
	document.setSubject(composed.subject);
	document.setCreator('n8n-nodes-dunning');
	document.setProducer(PRODUCER);
	document.setLanguage(language);
	document.setCreationDate(stamp);
	document.setModificationDate(stamp);
	const id = documentId(composed.idempotencyKey, date, composed.text);
	document.context.trailerInfo.ID = document.context.obj([id, id]);
	const pdf = await document.save({ useObjectStreams: false });

	return {
		pdf,
		fileName: fileNameOf(words.fileStem, invoices),
		pageCount: count,
		subject: body.subject,
		text: composed.text,
		language,
		invoiceIds: composed.invoiceIds,
		idempotencyKey: composed.idempotencyKey,
	};
}
