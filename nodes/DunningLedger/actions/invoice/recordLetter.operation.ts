import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	letterRecordJson,
	readLetterParameter,
	recordLetterProperties,
} from '../../../common/record-letter';
import { DONE, itemTimezone, onInvoiceKey, stepIdOf, withDunning } from '../context';

export const description: INodeProperties[] = recordLetterProperties;

/**
 * Writes the registered letter of a claimed step in the step's row (`letter`) with a `letter` event, then the
 * invoice's state as the ledger now holds it (its `letters` included) and `letterRecord`, the item to Done.
 */
export const execute = onInvoiceKey(async ({ run, item, itemIndex, source, invoiceId }) => {
	const stepId = stepIdOf(run, itemIndex);
	const letter = readLetterParameter(run.fn, itemIndex, stepId);
	const result = await run.ledger.recordLetter(
		{ source, invoiceId, stepId },
		letter,
		run.executionId,
	);
	const state = await run.ledger.readState(source, invoiceId, itemTimezone(run, itemIndex));
	return {
		output: DONE,
		json: {
			...withDunning(item.json, state as unknown as IDataObject),
			...letterRecordJson(invoiceId, result),
		},
	};
});
