import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { calculatePenalty } from '../../../nodes/shared/penalty';
import type { Invoice } from '../../../nodes/shared/invoice';
import type { Decision } from '../../../nodes/shared/scenario/types';
import type { LetterInput } from '../../../nodes/shared/letter-pdf';
import { makeInvoice, type InvoiceOverrides } from '../invoice-factory';

/** A customer with a French postal address (Invoice.customer.address, issue 19). */
export function letterInvoice(overrides: InvoiceOverrides = {}): Invoice {
	return makeInvoice({
		...overrides,
		customer: {
			name: 'Atelier Vauclair SARL',
			country: 'FR',
			address: {
				lines: ['Service comptabilité', '12 rue de l’Église'],
				postalCode: '69002',
				city: 'Lyon',
				region: null,
				country: 'FR',
			},
			...overrides.customer,
		},
	});
}

/** The statutory French penalty of `invoice` on 2026-12-04 (calculatePenalty, rule FR). */
export function frPenalty(invoice: Invoice) {
	return calculatePenalty({
		rule: 'FR',
		currency: invoice.currency,
		principalMinor: invoice.dueMinor,
		dueDate: invoice.dueDate as string,
		asOf: '2026-12-04',
	});
}

export function letterInput(overrides: Partial<LetterInput> = {}): LetterInput {
	const invoice = letterInvoice();
	return {
		invoices: [invoice],
		tone: 'formal_notice',
		decisions: [
			{
				action: 'send',
				reason: 'step_due',
				stepId: 'j30',
				daysOverdue: 32,
				nextActionOn: null,
				idempotencyKey: `generic:${invoice.id}:j30`,
				message: 'J+30 formal notice due',
			} as Decision,
		],
		language: 'fr',
		sender: {
			name: 'Boulangerie Martin',
			email: 'compta@martin.example',
			phone: '+33 4 72 00 00 00',
		},
		penalties: [frPenalty(invoice)],
		senderAddress: {
			name: 'Boulangerie Martin SAS',
			lines: ['8 place Bellecour'],
			postalCode: '69002',
			city: 'Lyon',
			country: 'FR',
		},
		date: '2026-12-04',
		...overrides,
	};
}

/** The PDF's text as poppler's pdftotext extracts it (layout kept, so a row stays on one line). */
export function pdfText(pdf: Uint8Array): string {
	const dir = mkdtempSync(join(tmpdir(), 'letter-'));
	try {
		const file = join(dir, 'letter.pdf');
		writeFileSync(file, pdf);
		return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Renders page 1 to .artifacts/letters/<name>.png (pdftoppm) for a person to look at. */
export function renderPng(pdf: Uint8Array, name: string, resolution = 100): string {
	const dir = join(__dirname, '..', '..', '..', '.artifacts', 'letters');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${name}.pdf`);
	writeFileSync(file, pdf);
	execFileSync('pdftoppm', [
		'-png',
		'-r',
		String(resolution),
		'-f',
		'1',
		'-l',
		'1',
		'-singlefile',
		file,
		join(dir, name),
	]);
	return readFileSync(join(dir, `${name}.png`)).length > 0 ? join(dir, `${name}.png`) : '';
}
