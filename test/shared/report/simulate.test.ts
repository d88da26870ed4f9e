import {
	addCalendarDays,
	evaluateScenario,
	previewRun,
	SCENARIO_PRESETS,
	simulatePolicy,
	validateScenario,
	type Invoice,
	type Scenario,
} from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';
import { seededRandom } from '../../helpers/random';

const FROM = '2026-07-01';
const TO = '2026-09-30';

/** A quarter of invoices: some paid on a day of the quarter (some in two payments), some never, some flagged. */
function generateBook(count: number, seed: number): Invoice[] {
	const next = seededRandom(seed);
	const pick = <T>(values: T[]) => values[Math.floor(next() * values.length)];
	return Array.from({ length: count }, (_, index) => {
		const issueDate = addCalendarDays('2026-06-01', Math.floor(next() * 100));
		const dueDate = addCalendarDays(issueDate, pick([0, 14, 30, 45]));
		const total = 1000 + Math.floor(next() * 500_000);
		const customerId = `cus-${Math.floor(next() * 12)}`;
		const fate = next();
		let payments: Invoice['payments'] = [];
		if (fate < 0.5) {
			const paidOn = addCalendarDays(dueDate, Math.floor(next() * 60) - 10);
			payments =
				next() < 0.3
					? [
							{ date: addCalendarDays(paidOn, -7), amountMinor: Math.floor(total / 3) },
							{ date: paidOn, amountMinor: total - Math.floor(total / 3) },
						]
					: [{ date: paidOn, amountMinor: total }];
		} else if (fate < 0.6) {
			payments = [{ date: addCalendarDays(dueDate, 5), amountMinor: Math.floor(total / 2) }];
		}
		const paidMinor = payments.reduce((sum, payment) => sum + payment.amountMinor, 0);
		const status = paidMinor >= total ? 'paid' : fate > 0.97 ? 'void' : 'open';
		return makeInvoice({
			id: `gen-${index}`,
			issueDate,
			dueDate,
			status,
			totalMinor: total,
			paidMinor,
			dueMinor: status === 'paid' ? 0 : total - paidMinor,
			payments,
			customer: { id: customerId, tags: next() < 0.15 ? ['vip'] : [] },
			dunning: {
				disputed: next() < 0.04,
				paused: next() < 0.03,
				promisedOn: next() < 0.08 ? addCalendarDays(dueDate, 20) : null,
			},
		});
	});
}

/** The invoice as it stood on `date`, worked out here independently of the simulator. */
function asOn(invoice: Invoice, date: string, sent: string[], lastSentOn: string | null): Invoice {
	const paidBy = invoice.payments
		.filter((payment) => payment.date <= date)
		.reduce((sum, payment) => sum + payment.amountMinor, 0);
	const settled = invoice.status === 'paid' && paidBy >= invoice.totalMinor;
	const status = invoice.status === 'paid' ? (settled ? 'paid' : 'open') : invoice.status;
	const dueMinor = status === 'paid' ? 0 : invoice.totalMinor - paidBy;
	return {
		...invoice,
		status,
		dueMinor,
		paidMinor: invoice.totalMinor - dueMinor,
		dunning: { ...invoice.dunning, sentStepIds: [...sent], lastSentOn },
	};
}

const vipScenario: Scenario = validateScenario({
	...SCENARIO_PRESETS['firm-5-steps'],
	id: 'firm-vip-latest',
	catchUp: 'latest',
	escalateTags: ['vip'],
	escalateAfter: 1,
});

/** Issue 11's per-customer gap: a week between two messages to one customer, whichever invoice. */
const customerGapScenario: Scenario = validateScenario({
	...SCENARIO_PRESETS['classic-7-14-21'],
	id: 'classic-customer-gap',
	minDaysBetweenCustomer: 7,
});

describe('simulatePolicy agrees day by day with the evaluator', () => {
	const book = generateBook(120, 20261126);
	const scenarios: Scenario[] = [
		SCENARIO_PRESETS['classic-7-14-21'],
		SCENARIO_PRESETS['firm-5-steps'],
		SCENARIO_PRESETS['pre-due-courtesy'],
		vipScenario,
		customerGapScenario,
	];

	it.each(scenarios.map((scenario) => [scenario.id, scenario] as const))('%s', (_id, scenario) => {
		const simulation = simulatePolicy(book, scenario, { from: FROM, to: TO });
		const eventsOn = new Map(simulation.calendar.map((day) => [day.date, day.events]));
		const state = new Map(
			book.map((invoice) => [
				invoice.id,
				{ sent: [] as string[], last: null as string | null, done: false },
			]),
		);
		let expectedEvents = 0;
		for (let date = FROM; date <= TO; date = addCalendarDays(date, 1)) {
			const expected: Array<{
				invoiceId: string;
				action: string;
				stepId: string | null;
				reason: string;
			}> = [];
			// the customer's last message before today's run, over its invoices issued by then
			const lastToCustomer = new Map<string, string>();
			for (const invoice of book) {
				const last = state.get(invoice.id)!.last;
				const key = invoice.customer.id;
				if (last === null || key === null || date < invoice.issueDate) continue;
				if (!lastToCustomer.has(key) || last > lastToCustomer.get(key)!)
					lastToCustomer.set(key, last);
			}
			for (const invoice of book) {
				const s = state.get(invoice.id)!;
				if (s.done || date < invoice.issueDate) continue;
				const decision = evaluateScenario(asOn(invoice, date, s.sent, s.last), scenario, date, {
					customerLastSentOn: lastToCustomer.get(invoice.customer.id!) ?? null,
				});
				if (decision.action === 'stop') {
					s.done = true;
					expected.push({
						invoiceId: invoice.id,
						action: 'stop',
						stepId: null,
						reason: decision.reason,
					});
				} else if (decision.action === 'send' || decision.action === 'escalate') {
					s.sent.push(decision.stepId!);
					s.last = date;
					expected.push({
						invoiceId: invoice.id,
						action: decision.action,
						stepId: decision.stepId,
						reason: decision.reason,
					});
				}
			}
			const actual = (eventsOn.get(date) ?? []).map(({ invoiceId, action, stepId, reason }) => ({
				invoiceId,
				action,
				stepId,
				reason,
			}));
			expect({ date, events: actual }).toEqual({ date, events: expected });
			expectedEvents += expected.length;
		}
		const total = simulation.calendar.reduce((sum, day) => sum + day.events.length, 0);
		expect(total).toBe(expectedEvents);
		expect(simulation.totals.remindersAfterPayment).toBe(0);
		expect(simulation.totals.reminders).toBeGreaterThan(20);
		// no send or escalation on or after the day an invoice was paid in full
		const paidOn = new Map(
			book
				.filter((invoice) => invoice.status === 'paid')
				.map((invoice) => [invoice.id, invoice.payments[invoice.payments.length - 1].date]),
		);
		for (const day of simulation.calendar) {
			for (const event of day.events) {
				const paid = paidOn.get(event.invoiceId);
				if (event.action !== 'stop' && paid !== undefined) expect(day.date < paid).toBe(true);
			}
		}
	});

	it('holds messages back with the per-customer gap', () => {
		const classic = simulatePolicy(book, SCENARIO_PRESETS['classic-7-14-21'], {
			from: FROM,
			to: TO,
		});
		const gap = simulatePolicy(book, customerGapScenario, { from: FROM, to: TO });
		expect(gap.totals.reminders).toBeLessThan(classic.totals.reminders);
	});

	it('escalates VIP customers and counts per step', () => {
		const simulation = simulatePolicy(book, vipScenario, { from: FROM, to: TO });
		const { perStep, reminders, escalations } = simulation.totals;
		expect(Object.values(perStep).reduce((sum, step) => sum + step.send, 0)).toBe(reminders);
		expect(Object.values(perStep).reduce((sum, step) => sum + step.escalate, 0)).toBe(escalations);
		const reasons = new Set(
			simulation.calendar.flatMap((day) => day.events.map((event) => event.reason)),
		);
		expect([...reasons]).toEqual(
			expect.arrayContaining(['step_due', 'escalation', 'internal_step', 'paid']),
		);
	});
});

describe('simulatePolicy on a hand-worked case', () => {
	// Three invoices of one customer due Monday 2026-07-06 under J+7 / J+14 / J+21: three e-mails on Monday 07-13
	// and three on Monday 07-20, the accounting task on Monday 07-27, then nothing left on 07-28.
	// A fourth invoice is paid in two parts, the second on 07-15: its J+7 reminder goes out, then it stops.
	const customer = { id: 'cus-w', name: 'Wagner GmbH' };
	const book = [
		makeInvoice({ id: 'w1', dueDate: '2026-07-06', issueDate: '2026-06-06', customer }),
		makeInvoice({ id: 'w2', dueDate: '2026-07-06', issueDate: '2026-06-06', customer }),
		makeInvoice({ id: 'w3', dueDate: '2026-07-06', issueDate: '2026-06-06', customer }),
		makeInvoice({
			id: 'p1',
			dueDate: '2026-07-06',
			issueDate: '2026-06-06',
			status: 'paid',
			totalMinor: 100_00,
			paidMinor: 100_00,
			dueMinor: 0,
			payments: [
				{ date: '2026-07-01', amountMinor: 40_00 },
				{ date: '2026-07-15', amountMinor: 60_00 },
			],
			customer: { id: 'cus-p', name: 'Petit SARL' },
		}),
	];
	const simulation = simulatePolicy(book, SCENARIO_PRESETS['classic-7-14-21'], {
		from: '2026-07-01',
		to: '2026-07-31',
	});

	it('gives the calendar', () => {
		const summary = simulation.calendar.map((day) => [
			day.date,
			day.events.map(
				(event) => `${event.invoiceId}:${event.action}:${event.stepId ?? event.reason}`,
			),
		]);
		expect(summary).toEqual([
			['2026-07-13', ['w1:send:d7', 'w2:send:d7', 'w3:send:d7', 'p1:send:d7']],
			['2026-07-15', ['p1:stop:paid']],
			['2026-07-20', ['w1:send:d14', 'w2:send:d14', 'w3:send:d14']],
			['2026-07-27', ['w1:escalate:d21', 'w2:escalate:d21', 'w3:escalate:d21']],
			[
				'2026-07-28',
				['w1:stop:sequence_complete', 'w2:stop:sequence_complete', 'w3:stop:sequence_complete'],
			],
		]);
		const first = simulation.calendar[0].events[3];
		expect(first).toMatchObject({
			tone: 'friendly',
			channel: 'email',
			dueMinor: 60_00,
			daysOverdue: 7,
		});
	});

	it('gives the totals', () => {
		expect(simulation.totals).toEqual({
			invoices: 4,
			reminders: 7,
			escalations: 3,
			stops: 4,
			perStep: {
				d7: { send: 4, escalate: 0 },
				d14: { send: 3, escalate: 0 },
				d21: { send: 0, escalate: 3 },
			},
			stopsByReason: { paid: 1, sequence_complete: 3 },
			remindersAfterPayment: 0,
			maxContactsPerWeek: 2,
			customersOverWeeklyLimit: [
				{ customerKey: 'id:cus-w', customerName: 'Wagner GmbH', weekOf: '2026-07-13', contacts: 3 },
				{ customerKey: 'id:cus-w', customerName: 'Wagner GmbH', weekOf: '2026-07-20', contacts: 3 },
			],
			paidWithoutDate: 0,
		});
	});

	it('can continue from the recorded steps instead of starting fresh', () => {
		const sent = makeInvoice({
			id: 's',
			dueDate: '2026-07-06',
			issueDate: '2026-06-06',
			dunning: { sentStepIds: ['d7', 'd14'], lastSentOn: '2026-07-20' },
		});
		const replay = simulatePolicy([sent], SCENARIO_PRESETS['classic-7-14-21'], {
			from: '2026-07-21',
			to: '2026-07-31',
			startFresh: false,
		});
		expect(
			replay.calendar.map((day) => [day.date, day.events[0].stepId ?? day.events[0].reason]),
		).toEqual([
			['2026-07-27', 'd21'],
			['2026-07-28', 'sequence_complete'],
		]);
	});

	it('refuses a reversed or too long range', () => {
		expect(() =>
			simulatePolicy(book, SCENARIO_PRESETS['classic-7-14-21'], {
				from: '2026-07-31',
				to: '2026-07-01',
			}),
		).toThrow(/^options\.to:/);
		expect(() =>
			simulatePolicy(book, SCENARIO_PRESETS['classic-7-14-21'], {
				from: '2020-01-01',
				to: '2026-07-01',
			}),
		).toThrow(/longer than 731 days/);
	});
});

describe('previewRun', () => {
	it('lists what today would send and escalate, without changing the invoices', () => {
		const book = [
			makeInvoice({ id: 'send', dueDate: '2026-11-19' }),
			makeInvoice({
				id: 'task',
				dueDate: '2026-11-05',
				dunning: { sentStepIds: ['d7', 'd14'], lastSentOn: '2026-11-19' },
			}),
			makeInvoice({ id: 'paid', status: 'paid', dueMinor: 0, paidMinor: 120000 }),
			makeInvoice({ id: 'later', dueDate: '2026-11-25' }),
		];
		const before = JSON.stringify(book);
		const { preview, entries } = previewRun(
			book,
			SCENARIO_PRESETS['classic-7-14-21'],
			'2026-11-26',
		);
		expect(JSON.stringify(book)).toBe(before);
		expect(preview.on).toBe('2026-11-26');
		expect(
			preview.planned.map((entry) => [
				entry.invoiceId,
				entry.action,
				entry.stepId,
				entry.tone,
				entry.channel,
			]),
		).toEqual([
			['send', 'send', 'd7', 'friendly', 'email'],
			['task', 'escalate', 'd21', 'internal', 'task'],
		]);
		expect(preview.counts).toEqual({ send: 1, escalate: 1, wait: 1, skip: 0, stop: 1 });
		expect(preview.byReason).toEqual({ step_due: 1, internal_step: 1, paid: 1, not_yet_due: 1 });
		expect(entries).toHaveLength(4);
		expect(preview.planned[0].idempotencyKey).toBe('generic:send:d7');
	});

	it('reads an instant in the scenario zone', () => {
		const { preview } = previewRun([], SCENARIO_PRESETS['classic-7-14-21'], '2026-11-26T23:30:00Z');
		expect(preview.on).toBe('2026-11-27'); // 00:30 in Paris
	});
});
