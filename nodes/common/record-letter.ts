import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { jsonParameterValue } from './parameters';
import {
	DunningInputError,
	validateLetterRecord,
	type LetterChange,
	type LetterRecord,
} from '../shared/internal';

const show = { resource: ['invoice'], operation: ['recordLetter'] };

/**
 * The parameters of Record Letter, the same names, defaults and wording on Stripe Dunning, QuickBooks Dunning
 * and the Dunning Ledger. Wire it after the Registered Letter node: the item then carries the decision (its
 * step) and the letter that node posted.
 */
export const recordLetterProperties: INodeProperties[] = [
	{
		displayName: 'Step ID',
		name: 'stepId',
		type: 'string',
		required: true,
		default:
			'={{ $json.decision ? $json.decision.stepId : ($json.claim ? $json.claim.stepId : "") }}',
		placeholder: 'e.g. d30',
		displayOptions: { show },
		description:
			'The claimed step the letter was posted for; by default the step the Dunning Scenario node decided',
	},
	{
		displayName: 'Letter',
		name: 'letter',
		type: 'json',
		required: true,
		default: '={{ $json.letter }}',
		displayOptions: { show },
		description:
			'The letter the Registered Letter node posted: `{ provider, sendingId, registeredNumber, postedAt }` (its other fields are not recorded)',
	},
];

/**
 * The item's letter as the record the invoice gets, with the step id already checked by the node's own rule
 * (`stepId`): a missing or malformed letter is a DunningInputError naming `letter` or its field.
 */
export function readLetterParameter(
	fn: IExecuteFunctions,
	itemIndex: number,
	stepId: string,
): LetterRecord {
	const letter = jsonParameterValue(fn.getNodeParameter('letter', itemIndex, null), 'letter');
	if (letter === null || letter === undefined) {
		throw new DunningInputError(
			'letter',
			'missing: no letter on the item (wire Record Letter after the Registered Letter node)',
		);
	}
	if (typeof letter !== 'object' || Array.isArray(letter)) {
		throw new DunningInputError('letter', 'is not an object');
	}
	return validateLetterRecord({ ...letter, stepId }, 'letter', 'stepId');
}

/** What Record Letter adds to the item, alike on every node: the step's letter as recorded, and what it did. */
export function letterRecordJson(
	invoiceId: string,
	result: { letter: LetterRecord; change: LetterChange },
): IDataObject {
	const { letter, change } = result;
	return {
		letterRecord: { change, invoiceId, stepId: letter.stepId, letter: { ...letter } },
	};
}
