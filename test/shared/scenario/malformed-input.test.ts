// Issue 19, #10: a malformed invoice or clock ends in a DunningInputError naming the field, never a TypeError
// or a RangeError from inside a rule.
import { DunningInputError, evaluateScenario } from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';
import { classic } from './helpers';

function errorOf(run: () => unknown): unknown {
	try {
		run();
	} catch (error) {
		return error;
	}
	throw new Error('expected an error');
}

describe('evaluateScenario refuses a malformed invoice with a DunningInputError naming the field', () => {
	it.each([
		[
			'customer missing',
			{ customer: undefined },
			'invoice.customer: expected an object, got undefined',
		],
		[
			'customer a string',
			{ customer: 'cus_1' },
			'invoice.customer: expected an object, got "cus_1"',
		],
		[
			'customer.tags missing',
			{ customer: { id: 'c' } },
			'invoice.customer.tags: expected a list, got undefined',
		],
		[
			'dunning missing',
			{ dunning: undefined },
			'invoice.dunning: expected an object, got undefined',
		],
		['dunning a list', { dunning: [] }, 'invoice.dunning: expected an object, got an array'],
		[
			'dunning.sentStepIds null',
			{ dunning: { ...makeInvoice().dunning, sentStepIds: null } },
			'invoice.dunning.sentStepIds: expected a list, got null',
		],
		[
			'dunning.disputed "yes"',
			{ dunning: { ...makeInvoice().dunning, disputed: 'yes' } },
			'invoice.dunning.disputed: expected true or false, got "yes"',
		],
		['id missing', { id: undefined }, 'invoice.id: expected a non-empty string, got undefined'],
	])('%s', (_what, change, message) => {
		const invoice = { ...makeInvoice(), ...change } as never;
		const error = errorOf(() => evaluateScenario(invoice, classic, '2026-11-16'));
		expect(error).toBeInstanceOf(DunningInputError);
		expect((error as Error).message).toBe(message);
	});
});

describe('evaluateScenario refuses an invalid clock with a DunningInputError on `now`', () => {
	it.each([
		['NaN', Number.NaN],
		['Infinity', Infinity],
		['1e21 ms', 1e21],
		['{}', {}],
		['an invalid Date', new Date(Number.NaN)],
		['a garbage string', 'next tuesday'],
		['an impossible date-time', '2026-02-30T10:00:00Z'],
		['null', null],
	])('%s', (_what, now) => {
		const error = errorOf(() => evaluateScenario(makeInvoice(), classic, now as never));
		expect(error).toBeInstanceOf(DunningInputError);
		expect((error as DunningInputError).field).toBe('now');
	});
});
