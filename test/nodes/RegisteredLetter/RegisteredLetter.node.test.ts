import type { IDataObject } from 'n8n-workflow';

import { MailevaApi } from '../../../credentials/MailevaApi.credentials';
import { RegisteredLetter } from '../../../nodes/RegisteredLetter/RegisteredLetter.node';
import { binaryEntry, binaryItemsNodeType, BINARY_ITEMS_TYPE } from '../../helpers/binary-items';
import { runWorkflow } from '../../helpers/run-workflow';
import { startMailevaSimulator, type MailevaSimulator } from '../../simulators/postal';

const PDF = Buffer.from('%PDF-1.7\n% a formal notice\n%%EOF\n');
const ADDRESS = {
	lines: ['12 rue de la Paix'],
	postalCode: '75002',
	city: 'Paris',
	region: null,
	country: 'FR',
};

function letterItem(key: string, overrides: IDataObject = {}, pdf: Buffer = PDF) {
	return {
		json: {
			invoice: { id: 'in_1', customer: { name: 'Atelier Dupont SARL', address: ADDRESS } },
			letter: { idempotencyKey: key },
			...overrides,
		},
		binary: { letter: binaryEntry(pdf, 'mise-en-demeure-F-1.pdf', 'application/pdf') },
	};
}

let simulator: MailevaSimulator;
beforeEach(async () => {
	simulator = await startMailevaSimulator();
});
afterEach(async () => await simulator.stop());

function credentials(overrides: IDataObject = {}) {
	return {
		mailevaApi: {
			clientId: 'client-id',
			clientSecret: 'client-secret',
			username: 'user@example.com',
			password: 'secret',
			baseUrl: simulator.url,
			tokenUrl: `${simulator.url}/auth/realms/services/protocol/openid-connect/token`,
			...overrides,
		},
	};
}

async function run(
	items: unknown[],
	parameters: IDataObject = {},
	options: { continueOnFail?: boolean; credentials?: IDataObject } = {},
) {
	return await runWorkflow(
		{
			nodes: [
				{
					id: '1',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: '2',
					name: 'Items',
					type: BINARY_ITEMS_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: { items: JSON.stringify(items) },
				},
				{
					id: '3',
					name: 'Registered Letter',
					type: 'n8n-nodes-dunning.registeredLetter',
					typeVersion: 1,
					position: [400, 0],
					parameters: { resource: 'letter', operation: 'send', ...parameters },
					credentials: { mailevaApi: { id: '1', name: 'Maileva' } },
					...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				},
			],
			connections: {
				Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: 'Registered Letter', type: 'main', index: 0 }]] },
			},
		},
		{
			nodeTypes: {
				...binaryItemsNodeType,
				'n8n-nodes-dunning.registeredLetter': new RegisteredLetter(),
			},
			credentialTypes: [new MailevaApi()],
			credentials: credentials(options.credentials),
		},
	);
}

describe('Registered Letter: Send', () => {
	it('posts one letter per item, with the PDF, the address lines and the registered number on the output', async () => {
		const result = await run([letterItem('stripe:in_1:formal'), letterItem('stripe:in_2:formal')]);
		expect(result.error).toBeUndefined();
		expect(simulator.postedLetters).toHaveLength(2);
		const [first] = simulator.postedLetters;
		expect(first.sending.documents[0].bytes.equals(PDF)).toBe(true);
		expect(first.recipient).toMatchObject({
			address_line_1: 'Atelier Dupont SARL',
			address_line_5: '12 rue de la Paix',
			address_line_6: '75002 Paris',
			country_code: 'FR',
		});
		const out = result.jsonOf('Registered Letter');
		expect(out[0].letter).toMatchObject({
			provider: 'maileva',
			sendingId: first.sending.id,
			status: 'ACCEPTED',
			registeredNumber: first.recipient.registered_number,
			postedByThisRun: true,
			idempotencyKey: 'stripe:in_1:formal',
		});
		expect(typeof (out[0].letter as IDataObject).postedAt).toBe('string');
		expect(first.sending.custom_id!.length).toBeLessThanOrEqual(38);
	});

	it('two concurrent runs with the same key post exactly one letter', async () => {
		const [a, b] = await Promise.all([
			run([letterItem('stripe:in_1:formal')]),
			run([letterItem('stripe:in_1:formal')]),
		]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(simulator.postedLetters).toHaveLength(1);
		const ids = [a, b].map(
			(r) => (r.jsonOf('Registered Letter')[0].letter as IDataObject).sendingId,
		);
		expect(ids).toEqual([
			simulator.postedLetters[0].sending.id,
			simulator.postedLetters[0].sending.id,
		]);
		expect(simulator.sendings.filter((s) => s.status === 'DRAFT')).toHaveLength(0);
	});

	it('a run retried after the answer to its submit was lost posts nothing more and records the letter', async () => {
		const original = simulator.handle.bind(simulator);
		let cut = true;
		// The submit is applied, then the connection is dropped before the answer.
		simulator.handle = (request, raw) => {
			const answer = original(request, raw);
			if (cut && request.url?.endsWith('/submit')) {
				cut = false;
				request.socket.destroy();
			}
			return answer;
		};
		const first = await run([letterItem('stripe:in_1:formal')]);
		expect(simulator.postedLetters).toHaveLength(1);
		const second = await run([letterItem('stripe:in_1:formal')]);
		expect(second.error).toBeUndefined();
		expect(simulator.postedLetters).toHaveLength(1);
		expect(second.jsonOf('Registered Letter')[0].letter).toMatchObject({
			sendingId: simulator.postedLetters[0].sending.id,
			registeredNumber: simulator.postedLetters[0].recipient.registered_number,
			postedByThisRun: false,
			postedAt: null,
		});
		// The first run itself re-read the sending after the lost answer: posted, not an error.
		expect(first.error).toBeUndefined();
	});

	it('a retried run completes and submits the draft a failed run left, without a second sending', async () => {
		const first = await run([
			letterItem('stripe:in_1:formal', {
				invoice: { customer: { name: 'X', address: { ...ADDRESS, country: 'DE' } } },
			}),
		]);
		expect(first.error).toMatchObject({ message: expect.stringContaining('INVALID_COUNTRY_CODE') });
		expect(simulator.sendings).toHaveLength(1);
		const second = await run([letterItem('stripe:in_1:formal')]);
		expect(second.error).toBeUndefined();
		expect(simulator.sendings).toHaveLength(1);
		expect(simulator.postedLetters).toHaveLength(1);
	});

	it('refuses a formal notice whose step requires approval when the item carries none, and posts nothing', async () => {
		const result = await run([letterItem('k', { step: { id: 'formal', requiresApproval: true } })]);
		expect(result.error?.message).toMatch(/approval/);
		expect(simulator.sendings).toHaveLength(0);
		const approved = await run([
			letterItem('k', {
				step: { id: 'formal', requiresApproval: true },
				approval: { approved: true },
			}),
		]);
		expect(approved.error).toBeUndefined();
		expect(simulator.postedLetters).toHaveLength(1);
	});

	it('an item without an address fails naming invoice.customer.address; with Continue On Fail the others are posted', async () => {
		const result = await run(
			[letterItem('a', { invoice: { customer: { name: 'X' } } }), letterItem('b')],
			{},
			{ continueOnFail: true },
		);
		const out = result.jsonOf('Registered Letter');
		expect(out[0].error).toMatch(/Item 0: .*invoice\.customer\.address/);
		expect(out[1].letter).toMatchObject({ status: 'ACCEPTED' });
		expect(simulator.postedLetters).toHaveLength(1);
	});

	it('an address line over 38 characters fails naming the line, before any call', async () => {
		const long = { ...ADDRESS, lines: ['Zone artisanale du Grand Moulin, bâtiment C'] };
		const result = await run([
			letterItem('a', { invoice: { customer: { name: 'X', address: long } } }),
		]);
		expect(result.error?.message).toMatch(/invoice\.customer\.address\.lines\[0\].*38/);
		expect(simulator.sendings).toHaveLength(0);
	});

	it('an item without the binary property fails naming it', async () => {
		const item = letterItem('a');
		const result = await run([{ json: item.json }]);
		expect(result.error?.message).toMatch(/Item 0: no binary property "letter"/);
	});

	it('a binary that is not a PDF is refused before any call', async () => {
		const result = await run([letterItem('a', {}, Buffer.from('hello'))]);
		expect(result.error?.message).toMatch(/not a PDF/);
		expect(simulator.sendings).toHaveLength(0);
	});

	it('an empty idempotency key is refused', async () => {
		const result = await run([letterItem('a', { letter: {} })]);
		expect(result.error?.message).toMatch(/idempotencyKey/);
	});

	it.each([
		[{ password: 'wrong' }, /Maileva: invalid_grant .*credential/],
		[{ clientSecret: 'wrong' }, /Maileva: unauthorized_client/],
	])(
		'a token refusal (%j) is an item error (NodeApiError) with the OAuth2 error code',
		async (bad, message) => {
			const result = await run([letterItem('a')], {}, { credentials: bad });
			expect(result.error).toMatchObject({
				name: 'NodeApiError',
				message: expect.stringMatching(message),
				context: { itemIndex: 0 },
			});
		},
	);

	it.each([
		['ADDRESS_LINE_6 format', { ...ADDRESS, postalCode: '752' }, /INVALID_ADDRESS_LINE_6/],
		['country not served', { ...ADDRESS, country: 'DE' }, /INVALID_COUNTRY_CODE/],
	])(
		'a recipient the API refuses (%s) is an item error (NodeApiError, HTTP 400) with the Maileva code',
		async (_, address, message) => {
			const result = await run([
				letterItem('a', { invoice: { customer: { name: 'X', address } } }),
			]);
			expect(result.error).toMatchObject({
				name: 'NodeApiError',
				message: expect.stringMatching(message),
				httpCode: '400',
			});
			expect(simulator.postedLetters).toHaveLength(0);
		},
	);

	it('a sending name over 256 characters is the API error NAME_TOO_LONG... cut to 256 instead', async () => {
		const result = await run([letterItem('a')], { options: { sendingName: 'n'.repeat(300) } });
		expect(result.error).toBeUndefined();
		expect(simulator.sendings[0].name).toHaveLength(256);
	});
});

describe('Registered Letter: Get Status', () => {
	it('reads the status and registered number of a sending', async () => {
		await run([letterItem('a')]);
		const sendingId = simulator.postedLetters[0].sending.id;
		const result = await run([{ json: { letter: { sendingId } } }], { operation: 'getStatus' });
		expect(result.jsonOf('Registered Letter')[0].letter).toMatchObject({
			sendingId,
			status: 'ACCEPTED',
			registeredNumber: simulator.postedLetters[0].recipient.registered_number,
		});
	});

	it('an unknown sending id is an item error (NodeApiError, HTTP 404) SENDING_NOT_FOUND', async () => {
		const result = await run([{ json: { letter: { sendingId: 'nope' } } }], {
			operation: 'getStatus',
		});
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: expect.stringMatching(/^Item 0: .*SENDING_NOT_FOUND/),
			httpCode: '404',
		});
	});
});
