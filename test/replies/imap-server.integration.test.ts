// The real IMAP server of the reply tests (issue 21): dovecot started by test/helpers/imap-server.ts, a
// reply delivered by IMAP APPEND and read back, as n8n's Email Trigger (IMAP) reads it (UNSEEN, then the
// whole message parsed by mailparser), then classified. An integration test: needs dovecot-imapd
// (scripts/ci/services.sh installs it), run by CI and `npm run test:integration`.
import { simpleParser } from 'mailparser';

import { classifyReply } from '../../nodes/shared';
import { appendMessage, ImapClient, replyMessage } from '../helpers/imap-client';
import { startImapServer, type ImapServer } from '../helpers/imap-server';

describe('a real IMAP server (dovecot) for the reply tests', () => {
	let server: ImapServer;

	beforeAll(async () => {
		server = await startImapServer();
	}, 30_000);

	afterAll(async () => {
		await server?.stop();
	});

	it('a reply delivered by APPEND is read back unseen, whole and in UTF-8, and classifies as the promise it is', async () => {
		await appendMessage(
			server,
			replyMessage({
				from: 'Jean Dupont <compta@atelier-dupont.fr>',
				to: 'billing+dunning-i0123456789@studio-lumiere.example',
				subject: 'Re: Rappel amical concernant la facture n° F-2026-0142',
				text: 'Bonjour,\n\nJe vous règle le 15, désolé du retard.\n\nJean',
				date: new Date('2026-12-02T09:30:00Z'),
				headers: { 'In-Reply-To': '<dunning.c3RyaXBlOmluXzE6ZDc@studio-lumiere.example>' },
			}),
		);
		await appendMessage(
			server,
			replyMessage({
				from: 'ap@other.example',
				to: 'billing@studio-lumiere.example',
				subject: 'Automatic reply: invoice 1001',
				text: 'I am out of the office until Monday.',
				headers: { 'Auto-Submitted': 'auto-replied' },
			}),
		);

		const client = await ImapClient.connect(server.host, server.port);
		try {
			await client.login(server.user, server.password);
			expect(await client.select('INBOX')).toBe(2);
			expect(await client.search('UNSEEN')).toEqual([1, 2]);
			const [first] = await client.fetchAll();
			expect(first.flags).not.toContain('\\Seen');
			const mail = await simpleParser(first.message);
			expect(mail.subject).toBe('Re: Rappel amical concernant la facture n° F-2026-0142');
			expect(mail.text).toContain('Je vous règle le 15, désolé du retard.');
			expect(mail.inReplyTo).toBe('<dunning.c3RyaXBlOmluXzE6ZDc@studio-lumiere.example>');

			const reply = classifyReply(
				{
					email: {
						from: mail.from?.text ?? '',
						subject: mail.subject,
						text: mail.text,
						headers: { 'in-reply-to': mail.inReplyTo ?? null },
						receivedAt: mail.date,
					},
				},
				{ timezone: 'Europe/Paris', now: '2026-12-02T10:00:00Z' },
			);
			expect(reply).toMatchObject({
				kind: 'promise',
				promisedOn: '2026-12-15',
				invoiceIds: ['in_1'],
				matchedBy: 'thread',
			});
			// Reading with BODY.PEEK leaves both unseen, as the Email Trigger expects them.
			expect(await client.search('UNSEEN')).toEqual([1, 2]);
		} finally {
			await client.logout();
		}
	});

	it('stop() ends dovecot and removes its folder', async () => {
		const other = await startImapServer({ password: 'another' });
		await other.stop();
		await expect(ImapClient.connect(other.host, other.port)).rejects.toThrow();
	});
});
