import { DunningInputError, describeValue } from '../errors';
import { isDomainName, reminderMessageId } from '../replies/message-id';
import { reminderReplyTo } from '../replies/reply-address';
import { assertShape } from '../shape';

/** The threading fields of a composed message (issue 21): what a reply is matched back by. */
export interface ReminderThreading {
	/** `<dunning.{key}@{sender's domain}>`, for mail nodes that can set it; null without a domain. */
	messageId: string | null;
	/** The plus-addressed Reply-To (`billing+dunning-i…@example.com`), when a mailbox is given. */
	replyTo: string | null;
}

const BARE_ADDRESS = /^[^\s@<>]+@([^\s@<>]+)$/;

function domainOf(address: string, field: string): string {
	const match = BARE_ADDRESS.exec(address.trim());
	if (!match) {
		throw new DunningInputError(field, `${describeValue(address)} is not a bare email address`);
	}
	if (!isDomainName(match[1])) {
		throw new DunningInputError(field, `${describeValue(match[1])} is not a domain name`);
	}
	return match[1];
}

/**
 * The Message-ID and Reply-To of a message sent under `key` (its idempotency key, or the key standing for
 * it). The Message-ID's domain is the sender's own (the Sender Email's, else the Reply-To mailbox's): a
 * Message-ID under someone else's domain is what spam filters look for. Internal summaries get no Reply-To:
 * the team answering one is not a customer replying.
 */
export function reminderThreading(
	key: string,
	options: { senderEmail: string | null; replyToMailbox: string | null; customerFacing: boolean },
): ReminderThreading {
	assertShape(key, 'string', 'key');
	assertShape(
		options,
		{ senderEmail: 'string?', replyToMailbox: 'string?', customerFacing: 'boolean' },
		'options',
	);
	const senderEmail = options.senderEmail ?? null;
	const replyToMailbox = options.replyToMailbox ?? null;
	const mailboxDomain = replyToMailbox === null ? null : domainOf(replyToMailbox, 'replyToMailbox');
	const domain = senderEmail !== null ? domainOf(senderEmail, 'senderEmail') : mailboxDomain;
	const messageId = domain === null ? null : reminderMessageId(key, domain);
	const replyTo =
		options.customerFacing && replyToMailbox !== null
			? reminderReplyTo(replyToMailbox.trim(), key)
			: null;
	return { messageId, replyTo };
}
