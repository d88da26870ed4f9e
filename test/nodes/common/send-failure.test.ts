import { classifySendFailure } from '../../../nodes/common/send-failure';

describe('classifySendFailure: may a failed send be released and sent again?', () => {
	it.each([
		['connect ECONNREFUSED 127.0.0.1:2525'],
		['getaddrinfo ENOTFOUND smtp.example.invalid'],
		['Connection timeout'],
		['Greeting never received'],
		['Invalid login: 535 5.7.8 Username and Password not accepted'],
		[
			"Can't send mail - all recipients were rejected: 550 5.1.1 <x@example.com>: Recipient address rejected",
		],
		['Mail command failed: 553 5.7.1 Sender address rejected: not owned by user'],
		['Message failed: 554 5.7.1 Message rejected as spam'],
		['No recipients defined'],
		[{ code: 'EAUTH', message: 'Invalid login' }],
	])('%p happened before the server accepted the message: not_accepted', (error) => {
		expect(classifySendFailure(error)).toBe('not_accepted');
	});

	it.each([
		['Timeout'],
		['Connection closed unexpectedly'],
		['Unexpected socket close'],
		['read ECONNRESET'],
		['Something odd happened'],
		[''],
		[undefined],
		[{ message: 'socket hang up' }],
	])('%p may have been delivered: unknown (the claim stays, finance is told)', (error) => {
		expect(classifySendFailure(error)).toBe('unknown');
	});
});
