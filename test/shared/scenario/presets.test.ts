import {
	SCENARIO_PRESETS,
	evaluateScenario,
	validateScenario,
} from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';

const summary = (id: string) =>
	SCENARIO_PRESETS[id].steps.map((s) => [
		s.id,
		s.offsetDays,
		s.audience,
		s.channel,
		s.tone,
		s.requiresApproval,
		s.includePenalty,
	]);

describe('SCENARIO_PRESETS', () => {
	it('share the documented settings', () => {
		for (const preset of Object.values(SCENARIO_PRESETS)) {
			expect(preset).toMatchObject({
				timezone: 'Europe/Paris',
				holidays: 'FR',
				minDaysBetween: 5,
				catchUp: 'sequential',
				sendOnNonBusinessDays: false,
				excludeTags: [],
				escalateTags: [],
				minimumDueMinor: 0,
			});
			expect(validateScenario(preset)).toEqual(preset);
		}
	});

	it('classic-7-14-21: friendly, reminder, then notify accounting', () => {
		expect(summary('classic-7-14-21')).toEqual([
			['d7', 7, 'customer', 'email', 'friendly', false, false],
			['d14', 14, 'customer', 'email', 'reminder', false, false],
			['d21', 21, 'internal', 'task', 'internal', false, false],
		]);
	});

	it('firm-5-steps: up to a formal notice letter that a human approves', () => {
		expect(summary('firm-5-steps')).toEqual([
			['d1', 1, 'customer', 'email', 'notice', false, false],
			['d7', 7, 'customer', 'email', 'reminder', false, false],
			['d14', 14, 'customer', 'email', 'firm', false, false],
			['d21', 21, 'internal', 'call', 'internal', false, false],
			['d30', 30, 'customer', 'letter', 'formal_notice', true, true],
		]);
	});

	it('pre-due-courtesy: a notice before the due date', () => {
		expect(summary('pre-due-courtesy')).toEqual([
			['d-3', -3, 'customer', 'email', 'notice', false, false],
			['d1', 1, 'customer', 'email', 'reminder', false, true],
			['d15', 15, 'customer', 'email', 'formal_notice', true, true],
		]);
	});

	it('are frozen so one workflow cannot change them for another', () => {
		const classic = SCENARIO_PRESETS['classic-7-14-21'];
		expect(() => {
			(classic.steps[0] as { offsetDays: number }).offsetDays = 1;
		}).toThrow(TypeError);
	});

	it('walk an invoice through the whole classic sequence', () => {
		const classic = SCENARIO_PRESETS['classic-7-14-21'];
		const invoice = makeInvoice();
		const sent: string[] = [];
		const log: string[] = [];
		let lastSentOn: string | null = null;
		for (let day = 0; day <= 40; day++) {
			const today = new Date(Date.UTC(2026, 10, 2 + day)).toISOString().slice(0, 10);
			const decision = evaluateScenario(
				{ ...invoice, dunning: { ...invoice.dunning, sentStepIds: [...sent], lastSentOn } },
				classic,
				today,
			);
			if (decision.stepId) {
				log.push(`${today} ${decision.action} ${decision.stepId}`);
				sent.push(decision.stepId);
				lastSentOn = today;
			}
		}
		expect(log).toEqual(['2026-11-09 send d7', '2026-11-16 send d14', '2026-11-23 escalate d21']);
	});
});
