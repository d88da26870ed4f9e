// A minimal IMAP4rev1 client over a plain socket (RFC 3501), enough for the reply tests: LOGIN, APPEND
// (deliver a reply into a mailbox), SELECT, SEARCH and FETCH (read it back), LOGOUT. No TLS, no IDLE:
// the client of the tests, not a mail library. Untagged responses may carry literals (`{n}` then n bytes),
// which are read whole.
import { connect, type Socket } from 'node:net';

export interface ImapResponse {
	/** Untagged lines (`* 3 EXISTS`), each with its literals appended in order. */
	untagged: { line: string; literals: Buffer[] }[];
	/** The tagged completion line (`a3 OK APPEND completed`). */
	status: string;
}

export class ImapClient {
	private buffer = Buffer.alloc(0);
	private waiting: (() => void) | null = null;
	private closed: Error | null = null;
	private tag = 0;

	private constructor(private readonly socket: Socket) {
		socket.on('data', (chunk: Buffer) => {
			this.buffer = Buffer.concat([this.buffer, chunk]);
			this.wake();
		});
		socket.on('error', (error) => {
			this.closed = error;
			this.wake();
		});
		socket.on('close', () => {
			this.closed ??= new Error('IMAP connection closed');
			this.wake();
		});
	}

	static async connect(host: string, port: number): Promise<ImapClient> {
		const socket = connect({ host, port });
		const client = new ImapClient(socket);
		const greeting = await client.readLine();
		if (!greeting.startsWith('* OK')) throw new Error(`IMAP greeting: ${greeting}`);
		return client;
	}

	private wake(): void {
		const waiting = this.waiting;
		this.waiting = null;
		waiting?.();
	}

	private async more(): Promise<void> {
		if (this.closed) throw this.closed;
		await new Promise<void>((resolve) => (this.waiting = resolve));
	}

	private async readLine(): Promise<string> {
		for (;;) {
			const end = this.buffer.indexOf('\r\n');
			if (end >= 0) {
				const line = this.buffer.subarray(0, end).toString('utf8');
				this.buffer = this.buffer.subarray(end + 2);
				return line;
			}
			await this.more();
		}
	}

	private async readBytes(count: number): Promise<Buffer> {
		while (this.buffer.length < count) await this.more();
		const bytes = this.buffer.subarray(0, count);
		this.buffer = this.buffer.subarray(count);
		return Buffer.from(bytes);
	}

	/** Reads responses up to the tagged completion of `tag`; a NO or BAD completion rejects. */
	private async complete(tag: string): Promise<ImapResponse> {
		const untagged: ImapResponse['untagged'] = [];
		for (;;) {
			let line = await this.readLine();
			const literals: Buffer[] = [];
			let literal = /\{(\d+)\}$/.exec(line);
			while (literal) {
				literals.push(await this.readBytes(Number(literal[1])));
				const rest = await this.readLine();
				line = `${line}${rest}`;
				literal = /\{(\d+)\}$/.exec(rest);
			}
			if (line.startsWith(`${tag} `)) {
				if (!line.startsWith(`${tag} OK`)) throw new Error(`IMAP ${line}`);
				return { untagged, status: line };
			}
			untagged.push({ line, literals });
		}
	}

	private nextTag(): string {
		this.tag += 1;
		return `a${this.tag}`;
	}

	/** Sends one command (without literals) and waits for its completion. */
	async command(text: string): Promise<ImapResponse> {
		const tag = this.nextTag();
		this.socket.write(`${tag} ${text}\r\n`);
		return this.complete(tag);
	}

	async login(user: string, password: string): Promise<void> {
		await this.command(`LOGIN ${quote(user)} ${quote(password)}`);
	}

	/** Delivers a whole RFC 5322 message (CRLF line ends) into a mailbox, unread. */
	async append(mailbox: string, message: string, flags: string[] = []): Promise<void> {
		const bytes = Buffer.from(message.replace(/\r?\n/g, '\r\n'), 'utf8');
		const tag = this.nextTag();
		this.socket.write(`${tag} APPEND ${quote(mailbox)} (${flags.join(' ')}) {${bytes.length}}\r\n`);
		const ready = await this.readLine();
		if (!ready.startsWith('+')) throw new Error(`IMAP APPEND refused: ${ready}`);
		this.socket.write(Buffer.concat([bytes, Buffer.from('\r\n')]));
		await this.complete(tag);
	}

	async select(mailbox: string): Promise<number> {
		const { untagged } = await this.command(`SELECT ${quote(mailbox)}`);
		const exists = untagged.find(({ line }) => / EXISTS$/.test(line));
		return exists ? Number(/^\* (\d+) EXISTS$/.exec(exists.line)?.[1] ?? 0) : 0;
	}

	/** Sequence numbers matching a SEARCH criterion (`UNSEEN`, `ALL`). */
	async search(criteria: string): Promise<number[]> {
		const { untagged } = await this.command(`SEARCH ${criteria}`);
		const line = untagged.find((entry) => entry.line.startsWith('* SEARCH'))?.line ?? '';
		return line.replace('* SEARCH', '').trim().split(/\s+/).filter(Boolean).map(Number);
	}

	/** The messages of the selected mailbox, whole, with their flags, without marking them seen. */
	async fetchAll(): Promise<{ seq: number; flags: string[]; message: string }[]> {
		const { untagged } = await this.command('FETCH 1:* (FLAGS BODY.PEEK[])');
		return untagged
			.filter(({ line }) => / FETCH /.test(line))
			.map(({ line, literals }) => ({
				seq: Number(/^\* (\d+) FETCH/.exec(line)?.[1]),
				flags: (/FLAGS \(([^)]*)\)/.exec(line)?.[1] ?? '').split(' ').filter(Boolean),
				message: literals[0]?.toString('utf8') ?? '',
			}));
	}

	async logout(): Promise<void> {
		try {
			await this.command('LOGOUT');
		} catch {
			// the server may close before the completion arrives
		}
		this.socket.destroy();
	}
}

/** An IMAP quoted string. */
function quote(text: string): string {
	return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}

/** Delivers one message into a mailbox of a server in one connection. */
export async function appendMessage(
	server: { host: string; port: number; user: string; password: string },
	message: string,
	mailbox = 'INBOX',
): Promise<void> {
	const client = await ImapClient.connect(server.host, server.port);
	try {
		await client.login(server.user, server.password);
		await client.append(mailbox, message);
	} finally {
		await client.logout();
	}
}

/** A plain-text reply as a mail client writes it (UTF-8, quoted-printable not needed for the tests). */
export function replyMessage(fields: {
	from: string;
	to: string;
	subject: string;
	text: string;
	date?: Date;
	messageId?: string;
	headers?: Record<string, string>;
}): string {
	const date = (fields.date ?? new Date()).toUTCString().replace('GMT', '+0000');
	const headers: Record<string, string> = {
		From: fields.from,
		To: fields.to,
		Subject: encodeHeader(fields.subject),
		Date: date,
		'Message-ID':
			fields.messageId ?? `<${Date.now()}.${Math.random().toString(36).slice(2)}@customer.example>`,
		'MIME-Version': '1.0',
		'Content-Type': 'text/plain; charset=utf-8',
		'Content-Transfer-Encoding': '8bit',
		...fields.headers,
	};
	const head = Object.entries(headers)
		.map(([name, value]) => `${name}: ${value}`)
		.join('\r\n');
	return `${head}\r\n\r\n${fields.text.replace(/\r?\n/g, '\r\n')}\r\n`;
}

/** RFC 2047 for a subject with non-ASCII characters. */
function encodeHeader(text: string): string {
	return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}
