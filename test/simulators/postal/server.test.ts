import { renderLetterPdf } from '../../../nodes/shared/letter-pdf';
import { letterInput } from '../../shared/letter-pdf/fixtures';
import { API_BASE, startMailevaSimulator, TOKEN_PATH, type MailevaSimulator } from './index';

let maileva: MailevaSimulator;
let token: string;
beforeEach(async () => {
	maileva = await startMailevaSimulator();
	token = await getToken();
});
afterEach(async () => {
	await maileva.stop();
});

async function getToken(client = 'client-id:client-secret', password = 'secret'): Promise<string> {
	const response = await fetch(`${maileva.url}${TOKEN_PATH}`, {
		method: 'POST',
		headers: {
			Authorization: `Basic ${Buffer.from(client).toString('base64')}`,
			'Content-Type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams({
			grant_type: 'password',
			username: 'user@example.com',
			password,
		}).toString(),
	});
	const json = (await response.json()) as { access_token?: string };
	return json.access_token ?? `status ${response.status}`;
}

async function api(method: string, path: string, body?: unknown, bearer = token) {
	const response = await fetch(`${maileva.url}${API_BASE}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${bearer}`,
			...(body ? { 'Content-Type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	return {
		status: response.status,
		json: (text ? JSON.parse(text) : null) as Record<string, unknown>,
	};
}

async function upload(
	sendingId: string,
	bytes: Uint8Array,
	metadata: unknown = { priority: 1, name: 'mise-en-demeure.pdf' },
) {
	const form = new FormData();
	form.append('document', new Blob([bytes], { type: 'application/pdf' }), 'mise-en-demeure.pdf');
	form.append('metadata', JSON.stringify(metadata));
	const response = await fetch(`${maileva.url}${API_BASE}/sendings/${sendingId}/documents`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}` },
		body: form,
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const recipient = {
	custom_id: 'generic-inv-1-j30',
	address_line_1: 'Atelier Vauclair SARL',
	address_line_2: 'Service comptabilité',
	address_line_4: '12 rue de l’Église',
	address_line_6: '69002 Lyon',
	country_code: 'FR',
};

/** The whole documented flow: create, add the PDF, add the recipient, submit. */
async function postLetter(pdf: Uint8Array, customId = 'dunning-generic-inv-1-j30') {
	const sending = await api('POST', '/sendings', {
		name: 'Mise en demeure F-2026-001',
		custom_id: customId,
		acknowledgement_of_receipt: true,
	});
	const id = sending.json.id as string;
	await upload(id, pdf);
	await api('POST', `/sendings/${id}/recipients`, recipient);
	const submitted = await api('POST', `/sendings/${id}/submit`);
	return { id, submitted };
}

describe('Maileva simulator: OAuth2 token (password grant)', () => {
	it('issues a bearer token to the right client and user, and refuses the others', async () => {
		expect(token).toMatch(/^sim-/);
		expect(await getToken('client-id:wrong')).toBe('status 401');
		expect(await getToken('client-id:client-secret', 'wrong')).toBe('status 401');
	});

	it('answers 401 to an API call without a valid bearer token', async () => {
		const { status } = await api('GET', '/sendings', undefined, 'not-a-token');
		expect(status).toBe(401);
	});
});

describe('Maileva simulator: registered_mail/v4 sendings', () => {
	it('posts one registered letter with acknowledgement of receipt and gives its registered number (tracking id)', async () => {
		const { pdf } = await renderLetterPdf(letterInput());
		const { id, submitted } = await postLetter(pdf);
		expect(submitted.status).toBe(200);
		const sending = await api('GET', `/sendings/${id}`);
		expect(sending.json).toMatchObject({
			status: 'ACCEPTED',
			custom_id: 'dunning-generic-inv-1-j30',
			documents_count: 1,
		});
		const recipients = await api('GET', `/sendings/${id}/recipients`);
		const [posted] = recipients.json.recipients as Record<string, unknown>[];
		expect(posted).toMatchObject({ status: 'ACCEPTED', postage_class: 'REGISTERED_MAIL_J3_AR' });
		expect(posted.registered_number).toMatch(/^1A\d{11}$/);
		expect(maileva.postedLetters).toHaveLength(1);
		expect(Buffer.from(maileva.sendings[0].documents[0].bytes).equals(Buffer.from(pdf))).toBe(true);
	});

	it('refuses a second submit with SENDING_STATUS_IS_NOT_DRAFT and posts nothing more', async () => {
		const { pdf } = await renderLetterPdf(letterInput());
		const { id } = await postLetter(pdf);
		const again = await api('POST', `/sendings/${id}/submit`);
		expect(again.status).toBe(400);
		expect(again.json).toEqual({
			errors: [expect.objectContaining({ code: 'SENDING_STATUS_IS_NOT_DRAFT' })],
		});
		expect((await upload(id, pdf, { priority: 2 })).json).toEqual({
			errors: [expect.objectContaining({ code: 'SENDING_STATUS_IS_NOT_DRAFT' })],
		});
		expect(maileva.postedLetters).toHaveLength(1);
	});

	it('holdNextAnswer: posts the letter of a held submit without answering it; the sending reads ACCEPTED', async () => {
		const { pdf } = await renderLetterPdf(letterInput());
		const sending = await api('POST', '/sendings', { name: 'Mise en demeure', custom_id: 'held' });
		const id = sending.json.id as string;
		await upload(id, pdf);
		await api('POST', `/sendings/${id}/recipients`, recipient);
		const applied = maileva.holdNextAnswer(/\/submit$/);
		const abort = new AbortController();
		const submit = fetch(`${maileva.url}${API_BASE}/sendings/${id}/submit`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}` },
			signal: abort.signal,
		});
		await applied;
		expect(maileva.postedLetters).toHaveLength(1);
		expect((await api('GET', `/sendings/${id}`)).json.status).toBe('ACCEPTED');
		abort.abort(); // the client goes away without an answer
		await expect(submit).rejects.toThrow(/abort/i);
		// Only the next matching request is held.
		expect((await api('POST', `/sendings/${id}/submit`)).status).toBe(400);
	});

	it('takes a repeated create with the same custom_id as a second sending: no idempotency is documented', async () => {
		const { pdf } = await renderLetterPdf(letterInput());
		await postLetter(pdf);
		await postLetter(pdf);
		expect(maileva.postedLetters).toHaveLength(2);
		const list = await api('GET', '/sendings?start_index=1&count=10');
		expect((list.json.sendings as unknown[]).length).toBe(2);
		expect(list.json.paging).toEqual({ total_results: 2 });
	});

	it.each([
		['a sending without a name', { custom_id: 'x' }, 'EMPTY_NAME'],
		['a name over 256 characters', { name: 'x'.repeat(257) }, 'NAME_TOO_LONG'],
		[
			'a custom_id over 38 characters',
			{ name: 'x', custom_id: 'x'.repeat(39) },
			'CUSTOM_ID_WRONG_FORMAT',
		],
	])('refuses %s with 400 and its code', async (_case, body, code) => {
		const { status, json } = await api('POST', '/sendings', body);
		expect(status).toBe(400);
		expect(json).toEqual({ errors: [expect.objectContaining({ code })] });
	});

	it.each([
		[
			'a line over 38 characters',
			{ ...recipient, address_line_1: 'x'.repeat(39) },
			'ADDRESS_LINE_1_TOO_LONG',
		],
		[
			'no line 1 nor 2',
			{ ...recipient, address_line_1: undefined, address_line_2: undefined },
			'ADDRESS_LINE_1_OR_ADDRESS_LINE_2_MANDATORY',
		],
		['no line 6', { ...recipient, address_line_6: undefined }, 'EMPTY_ADDRESS_LINE_6'],
		[
			'a French line 6 without a 5-digit postal code',
			{ ...recipient, address_line_6: 'Lyon' },
			'INVALID_ADDRESS_LINE_6',
		],
		['no country', { ...recipient, country_code: undefined }, 'COUNTRY_CODE_EMPTY'],
		[
			'a country the product does not serve',
			{ ...recipient, country_code: 'ES' },
			'INVALID_COUNTRY_CODE',
		],
	])('refuses a recipient with %s', async (_case, body, code) => {
		const sending = await api('POST', '/sendings', { name: 'x' });
		const { status, json } = await api(
			'POST',
			`/sendings/${sending.json.id as string}/recipients`,
			body,
		);
		expect(status).toBe(400);
		expect((json.errors as { code: string }[]).map((error) => error.code)).toContain(code);
	});

	it('refuses a document that is not a PDF, an empty one, a duplicate priority and a priority below 1', async () => {
		const sending = await api('POST', '/sendings', { name: 'x' });
		const id = sending.json.id as string;
		const code = (answer: { json: Record<string, unknown> }) =>
			(answer.json.errors as { code: string }[])[0].code;
		expect(code(await upload(id, new TextEncoder().encode('hello')))).toBe(
			'DOCUMENT_TYPE_NOT_ACCEPTED',
		);
		expect(code(await upload(id, new Uint8Array(0)))).toBe('EMPTY_DOCUMENT');
		const { pdf } = await renderLetterPdf(letterInput());
		expect((await upload(id, pdf)).status).toBe(201);
		expect(code(await upload(id, pdf))).toBe('DUPLICATE_PRIORITY');
		expect(code(await upload(id, pdf, { priority: 0 }))).toBe('INVALID_PRIORITY');
	});

	it('answers 404 SENDING_NOT_FOUND for an unknown sending, and deletes only drafts', async () => {
		expect((await api('GET', '/sendings/nope')).json).toMatchObject({ code: 'SENDING_NOT_FOUND' });
		const draft = await api('POST', '/sendings', { name: 'x' });
		expect((await api('DELETE', `/sendings/${draft.json.id as string}`)).status).toBe(204);
		const { pdf } = await renderLetterPdf(letterInput());
		const { id } = await postLetter(pdf);
		expect((await api('DELETE', `/sendings/${id}`)).status).toBe(400);
	});

	it('rejects a submitted sending that has no document, posting nothing', async () => {
		const sending = await api('POST', '/sendings', { name: 'x' });
		const id = sending.json.id as string;
		await api('POST', `/sendings/${id}/recipients`, recipient);
		expect((await api('POST', `/sendings/${id}/submit`)).status).toBe(200);
		expect((await api('GET', `/sendings/${id}`)).json.status).toBe('REJECTED');
		expect(maileva.postedLetters).toHaveLength(0);
	});
});
