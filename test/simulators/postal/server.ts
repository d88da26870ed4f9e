// A local Maileva (La Poste group) for tests and the demo: the OAuth2 token endpoint and the "Lettres
// Recommandées En Ligne distribuées par le facteur" API v4 (registered_mail/v4): create a sending, add the
// PDF (multipart: document + metadata), add the recipient, submit; read sendings and recipients with the
// registered number (the tracking id). Errors as the published OpenAPI lists them. See SOURCES.md.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;
type Answer = { status: number; body?: Json };

export const TOKEN_PATH = '/auth/realms/services/protocol/openid-connect/token';
export const API_BASE = '/registered_mail/v4';
/** Countries the registered-mail product serves (schema `country_code`). */
const COUNTRIES = ['FR', 'MC', 'RE', 'YT', 'MQ', 'GP', 'MF', 'BL', 'GF'];
const MAX_SENDING_BYTES = 20 * 1024 * 1024;

export interface MailevaSending extends Json {
	id: string;
	name: string;
	custom_id: string | null;
	status: 'DRAFT' | 'ACCEPTED' | 'REJECTED';
	acknowledgement_of_receipt: boolean;
	documents: MailevaDocument[];
	recipients: MailevaRecipient[];
}
export interface MailevaDocument extends Json {
	id: string;
	name: string;
	priority: number;
	type: string;
	size: number;
	status: 'PENDING';
	bytes: Buffer;
}
export interface MailevaRecipient extends Json {
	id: string;
	custom_id: string | null;
	status: 'DRAFT' | 'ACCEPTED';
	registered_number: string | null;
	postage_class: string | null;
}

export interface MailevaSimulatorOptions {
	clientId?: string;
	clientSecret?: string;
	username?: string;
	password?: string;
}

const errors = (status: number, ...list: [string, string][]): Answer => ({
	status,
	body: { errors: list.map(([code, message]) => ({ code, message })) },
});
const single = (status: number, code: string, message: string): Answer => ({
	status,
	body: { code, message },
});
const notFound = () => single(404, 'SENDING_NOT_FOUND', 'Ressource SENDING introuvable');
const notDraft = () =>
	errors(400, ['SENDING_STATUS_IS_NOT_DRAFT', "L'envoi n'est pas à l'état brouillon (DRAFT)"]);

/** multipart/form-data parts by name: enough for `document` (binary) and `metadata` (JSON). */
export function parseMultipart(
	body: Buffer,
	contentType: string,
): Map<string, { data: Buffer; filename?: string }> {
	const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
	const parts = new Map<string, { data: Buffer; filename?: string }>();
	if (!boundary) return parts;
	const delimiter = Buffer.from(`--${boundary}`);
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		const next = body.indexOf(delimiter, start + delimiter.length);
		if (next === -1) break;
		const part = body.subarray(start + delimiter.length + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		const headers = part.subarray(0, headerEnd).toString('utf8');
		const name = /name="([^"]+)"/.exec(headers)?.[1];
		const filename = /filename="([^"]*)"/.exec(headers)?.[1];
		if (name) {
			if (parts.has(name)) parts.set(`${name}#duplicate`, { data: Buffer.alloc(0) });
			parts.set(name, { data: part.subarray(headerEnd + 4), filename });
		}
		start = next;
	}
	return parts;
}

export class MailevaSimulator {
	readonly sendings: MailevaSending[] = [];
	readonly tokens = new Set<string>();
	url = '';
	private server: http.Server | null = null;
	private registered = 0;
	private readonly credentials: Required<MailevaSimulatorOptions>;
	/** Armed by holdNextAnswer(); `held`: the answers kept back, closed on stop(). */
	private readonly holds: { path: RegExp; applied: () => void }[] = [];
	private readonly held = new Set<http.ServerResponse>();

	constructor(options: MailevaSimulatorOptions = {}) {
		this.credentials = {
			clientId: options.clientId ?? 'client-id',
			clientSecret: options.clientSecret ?? 'client-secret',
			username: options.username ?? 'user@example.com',
			password: options.password ?? 'secret',
		};
	}

	/** The letters that went to production: one per recipient of a submitted sending. */
	get postedLetters(): { sending: MailevaSending; recipient: MailevaRecipient }[] {
		return this.sendings
			.filter((sending) => sending.status === 'ACCEPTED')
			.flatMap((sending) => sending.recipients.map((recipient) => ({ sending, recipient })));
	}

	async start(): Promise<this> {
		this.server = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const answer = this.handle(request, Buffer.concat(chunks));
				const hold = this.holds.findIndex((entry) => entry.path.test(request.url ?? ''));
				if (hold !== -1) {
					this.held.add(response);
					this.holds.splice(hold, 1)[0].applied();
					return;
				}
				response.writeHead(
					answer.status,
					answer.body ? { 'Content-Type': 'application/json' } : {},
				);
				response.end(answer.body ? JSON.stringify(answer.body) : undefined);
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		for (const response of this.held) response.destroy();
		await new Promise<void>((resolve) => {
			if (!this.server) return resolve();
			this.server.close(() => resolve());
			// A client's keep-alive connections would hold close() for seconds.
			this.server.closeAllConnections();
		});
	}

	/**
	 * The next request whose path (with its query) matches is applied but never answered: its connection stays
	 * open until the client goes away, as when the client crashes in the middle of the call. Resolves once that
	 * request is applied (e.g. a submit: the letter is posted, the client never learns it).
	 */
	holdNextAnswer(path: RegExp): Promise<void> {
		return new Promise((applied) => this.holds.push({ path, applied }));
	}

	handle(request: http.IncomingMessage, raw: Buffer): Answer {
		const [path, query = ''] = (request.url ?? '').split('?');
		if (request.method === 'POST' && path === TOKEN_PATH)
			return this.token(request, raw.toString('utf8'));
		if (!path.startsWith(API_BASE)) return single(404, 'NOT_FOUND', path);
		const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
		if (!token || !this.tokens.has(token)) return single(401, 'UNAUTHORIZED', 'Unauthorized');
		const route = path.slice(API_BASE.length).split('/').filter(Boolean);
		const method = request.method ?? 'GET';
		if (route[0] !== 'sendings') return single(404, 'NOT_FOUND', path);
		if (route.length === 1) {
			if (method === 'POST') return this.createSending(raw);
			if (method === 'GET') return this.listSendings(new URLSearchParams(query));
		}
		const sending = this.sendings.find((item) => item.id === route[1]);
		if (!sending) return notFound();
		if (route.length === 2 && method === 'GET') return { status: 200, body: this.view(sending) };
		if (route.length === 2 && method === 'DELETE') {
			if (sending.status !== 'DRAFT') return notDraft();
			this.sendings.splice(this.sendings.indexOf(sending), 1);
			return { status: 204 };
		}
		if (route[2] === 'submit' && method === 'POST') return this.submit(sending);
		if (route[2] === 'documents' && method === 'POST') {
			return this.addDocument(sending, raw, request.headers['content-type'] ?? '');
		}
		if (route[2] === 'recipients' && method === 'POST') return this.addRecipient(sending, raw);
		if (route[2] === 'recipients' && method === 'GET') {
			return {
				status: 200,
				body: {
					recipients: sending.recipients,
					paging: { total_results: sending.recipients.length },
				},
			};
		}
		return single(404, 'NOT_FOUND', path);
	}

	private token(request: http.IncomingMessage, raw: string): Answer {
		const form = new URLSearchParams(raw);
		const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
		const [clientId, clientSecret] = basic
			? Buffer.from(basic, 'base64').toString('utf8').split(':')
			: [form.get('client_id'), form.get('client_secret')];
		if (form.get('grant_type') !== 'password' || !form.get('username') || !form.get('password')) {
			return {
				status: 400,
				body: { error: 'invalid_request', error_description: 'Missing parameter' },
			};
		}
		if (clientId !== this.credentials.clientId || clientSecret !== this.credentials.clientSecret) {
			return {
				status: 401,
				body: { error: 'unauthorized_client', error_description: 'Invalid client credentials' },
			};
		}
		if (
			form.get('username') !== this.credentials.username ||
			form.get('password') !== this.credentials.password
		) {
			return {
				status: 401,
				body: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
			};
		}
		const accessToken = `sim-${randomUUID()}`;
		this.tokens.add(accessToken);
		return {
			status: 200,
			body: {
				access_token: accessToken,
				expires_in: 3600,
				refresh_expires_in: 7200,
				refresh_token: `sim-r-${randomUUID()}`,
				token_type: 'Bearer',
			},
		};
	}

	private json(raw: Buffer): Json | null {
		try {
			const value = JSON.parse(raw.toString('utf8')) as unknown;
			return typeof value === 'object' && value !== null && !Array.isArray(value)
				? (value as Json)
				: null;
		} catch {
			return null;
		}
	}

	private view(sending: MailevaSending): Json {
		const { documents, recipients, ...rest } = sending;
		return {
			...rest,
			documents_count: documents.length,
			recipients_counts: { total: recipients.length },
		};
	}

	private createSending(raw: Buffer): Answer {
		const body = this.json(raw);
		if (!body)
			return errors(400, [
				'UNEXPECTED_NOT_VALID_ERROR',
				'Le body de la requête n’est pas interprétable',
			]);
		const name = typeof body.name === 'string' ? body.name : '';
		if (name.trim() === '')
			return errors(400, ['EMPTY_NAME', "Aucun nom d'envoi n'a été transmis"]);
		if (name.length > 256)
			return errors(400, ['NAME_TOO_LONG', "Le nom de l'envoi est trop long (256 caractères max)"]);
		const customId = body.custom_id;
		if (customId !== undefined && (typeof customId !== 'string' || customId.length > 38)) {
			return errors(400, ['CUSTOM_ID_WRONG_FORMAT', "Le custom id n'est pas au bon format"]);
		}
		// No uniqueness on custom_id is documented: a second create with the same one is a second sending.
		const sending: MailevaSending = {
			id: randomUUID(),
			name,
			custom_id: (customId as string | undefined) ?? null,
			status: 'DRAFT',
			acknowledgement_of_receipt: body.acknowledgement_of_receipt !== false,
			color_printing: body.color_printing !== false,
			duplex_printing: body.duplex_printing !== false,
			optional_address_sheet: body.optional_address_sheet === true,
			postage_type: body.postage_type ?? 'FAST',
			documents: [],
			recipients: [],
		};
		this.sendings.push(sending);
		return { status: 201, body: this.view(sending) };
	}

	private listSendings(query: URLSearchParams): Answer {
		const start = Math.max(1, Number(query.get('start_index') ?? 1));
		const count = Math.min(100, Math.max(1, Number(query.get('count') ?? 50)));
		const page = this.sendings
			.slice(start - 1, start - 1 + count)
			.map((sending) => this.view(sending));
		return {
			status: 200,
			body: { sendings: page, paging: { total_results: this.sendings.length } },
		};
	}

	private addDocument(sending: MailevaSending, raw: Buffer, contentType: string): Answer {
		if (sending.status !== 'DRAFT') return notDraft();
		const parts = parseMultipart(raw, contentType);
		if (parts.has('document#duplicate')) {
			return errors(400, ['TOO_MANY_PARAMETER_DOCUMENT', 'Un seul document par requête']);
		}
		const document = parts.get('document');
		const metadata = parts.get('metadata');
		if (!metadata) return errors(400, ['EMPTY_METADATA', 'Les méta-données sont vides']);
		const meta = this.json(metadata.data);
		if (!meta)
			return errors(400, ['METADATA_WRONG_FORMAT', "Le paramètre metadata n'est pas correct"]);
		if (!document || document.data.length === 0)
			return errors(400, ['EMPTY_DOCUMENT', 'Le document est vide']);
		if (!document.data.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
			return errors(400, ['DOCUMENT_TYPE_NOT_ACCEPTED', "Le type de document n'est pas accepté"]);
		}
		const total =
			sending.documents.reduce((sum, item) => sum + item.size, 0) + document.data.length;
		if (total > MAX_SENDING_BYTES)
			return errors(400, ['INVALID_TOTAL_SENDING_SIZE', 'Plus de 20 Mo']);
		const priority = meta.priority;
		if (priority === undefined || priority === null)
			return errors(400, ['EMPTY_PRIORITY', 'Le champ priority est vide']);
		if (!Number.isInteger(priority) || (priority as number) < 1) {
			return errors(400, ['INVALID_PRIORITY', 'priority doit être supérieure ou égale à 1']);
		}
		if (sending.documents.some((item) => item.priority === priority)) {
			return errors(400, ['DUPLICATE_PRIORITY', 'Plusieurs documents ont la même priorité']);
		}
		const added: MailevaDocument = {
			id: randomUUID(),
			name: typeof meta.name === 'string' ? meta.name : (document.filename ?? 'document.pdf'),
			priority: priority as number,
			type: 'application/pdf',
			size: document.data.length,
			status: 'PENDING',
			bytes: Buffer.from(document.data),
		};
		sending.documents.push(added);
		const view: Json = { ...added };
		delete view.bytes;
		return { status: 201, body: view };
	}

	private addRecipient(sending: MailevaSending, raw: Buffer): Answer {
		if (sending.status !== 'DRAFT') return notDraft();
		const body = this.json(raw);
		if (!body)
			return errors(400, [
				'UNEXPECTED_NOT_VALID_ERROR',
				'Le body de la requête n’est pas interprétable',
			]);
		const problems: [string, string][] = [];
		for (let line = 1; line <= 6; line++) {
			const value = body[`address_line_${line}`];
			if (typeof value === 'string' && value.length > 38) {
				problems.push([
					`ADDRESS_LINE_${line}_TOO_LONG`,
					`La ligne d'adresse n°${line} est limitée à 38 caractères`,
				]);
			}
		}
		if (!body.address_line_1 && !body.address_line_2) {
			problems.push([
				'ADDRESS_LINE_1_OR_ADDRESS_LINE_2_MANDATORY',
				"La ligne d'adresse n°1 ou n°2 doit être renseignée",
			]);
		}
		const line6 = typeof body.address_line_6 === 'string' ? body.address_line_6 : '';
		const country = typeof body.country_code === 'string' ? body.country_code : '';
		if (line6 === '')
			problems.push(['EMPTY_ADDRESS_LINE_6', "La ligne d'adresse n°6 doit être renseignée"]);
		else if (country === 'FR' && !/^\d{5} \S/.test(line6)) {
			problems.push([
				'INVALID_ADDRESS_LINE_6',
				'address_line_6 doit avoir le format [CODE_POSTAL] [VILLE]',
			]);
		}
		if (country === '') problems.push(['COUNTRY_CODE_EMPTY', 'Le code pays est vide']);
		else if (country.length > 2)
			problems.push(['COUNTRY_CODE_TOO_LONG', 'Le code pays est limité à 2 caractères']);
		else if (!COUNTRIES.includes(country))
			problems.push(['INVALID_COUNTRY_CODE', "Le code pays n'est pas autorisé"]);
		if (typeof body.custom_id === 'string' && body.custom_id.length > 36) {
			problems.push(['CUSTOM_ID_WRONG_FORMAT', "Le custom id n'est pas au bon format"]);
		}
		if (problems.length > 0) return errors(400, ...problems);
		const recipient: MailevaRecipient = {
			...body,
			id: randomUUID(),
			custom_id: (body.custom_id as string | undefined) ?? null,
			status: 'DRAFT',
			registered_number: null,
			postage_class: null,
		};
		sending.recipients.push(recipient);
		return { status: 201, body: recipient };
	}

	private submit(sending: MailevaSending): Answer {
		if (sending.status !== 'DRAFT') return notDraft();
		// Maileva checks the sending after submit; one without a document or recipient is rejected then.
		if (sending.documents.length === 0 || sending.recipients.length === 0) {
			sending.status = 'REJECTED';
			return { status: 200 };
		}
		sending.status = 'ACCEPTED';
		for (const recipient of sending.recipients) {
			this.registered += 1;
			recipient.status = 'ACCEPTED';
			recipient.registered_number = `1A${String(this.registered).padStart(11, '0')}`;
			recipient.postage_class = sending.acknowledgement_of_receipt
				? 'REGISTERED_MAIL_J3_AR'
				: 'REGISTERED_MAIL_J3';
		}
		return { status: 200 };
	}
}

export async function startMailevaSimulator(
	options: MailevaSimulatorOptions = {},
): Promise<MailevaSimulator> {
	return new MailevaSimulator(options).start();
}
