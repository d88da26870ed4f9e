import { composeReminder } from '../../../nodes/shared/composer';
import { composeInput, frPenalty } from './fixtures';
for (const tone of ['friendly', 'formal_notice', 'internal'] as const) {
	const r = composeReminder(composeInput({ tone, penalty: frPenalty }));
	console.log(r.subject, '\n---\n' + r.text, '\n', r.to, r.templateId, r.idempotencyKey);
}
