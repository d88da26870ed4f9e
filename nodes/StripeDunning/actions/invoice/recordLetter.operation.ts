import type { INodeProperties } from 'n8n-workflow';

import {
	letterRecordJson,
	readLetterParameter,
	recordLetterProperties,
} from '../../../common/record-letter';
import { assertStepId } from '../../../services/stripe/invoices';
import { recordLetterOnInvoice } from '../../../services/stripe/letters';
import { DONE, invoiceItem, onInvoice } from '../context';

export const description: INodeProperties[] = recordLetterProperties;

/**
 * Writes the registered letter of a claimed step on the invoice (`dunning_letter_<step>` metadata): the item to
 * Done with the invoice as Stripe now holds it and `letterRecord`.
 */
export const execute = onInvoice(async ({ fn, itemIndex, invoiceId, options }, item) => {
	const stepId = assertStepId(fn.getNodeParameter('stepId', itemIndex));
	const letter = readLetterParameter(fn, itemIndex, stepId);
	const result = await recordLetterOnInvoice(fn, invoiceId, letter, options);
	return {
		output: DONE,
		json: invoiceItem(item.json, result, letterRecordJson(invoiceId, result)),
	};
});
