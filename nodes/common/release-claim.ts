import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { classifySendFailure } from './send-failure';

const show = { resource: ['invoice'], operation: ['releaseClaim'] };

/**
 * The parameters of Release Claim, the same names, defaults and wording on Stripe Dunning, QuickBooks Dunning
 * and the Dunning Ledger. Wire it to the error output of the node that sends the reminder: the item then
 * carries the claim (from Claim Step) and the send error.
 */
export const releaseClaimProperties: INodeProperties[] = [
	{
		displayName: 'Step ID',
		name: 'stepId',
		type: 'string',
		required: true,
		default:
			'={{ $json.claim ? $json.claim.stepId : ($json.decision ? $json.decision.stepId : "") }}',
		placeholder: 'e.g. d7',
		displayOptions: { show },
		description: 'The step to release; by default the step Claim Step recorded for this item',
	},
	{
		displayName: 'Release When',
		name: 'releaseWhen',
		type: 'options',
		default: 'notAccepted',
		displayOptions: { show },
		options: [
			{
				name: 'The Message Was Not Accepted',
				value: 'notAccepted',
				description:
					'Only when the send error shows the mail server never took the message (connection refused, login refused, recipient rejected...). A timeout or a dropped connection keeps the claim: the message may have gone out.',
			},
			{
				name: 'Always',
				value: 'always',
				description: 'Whatever the error: only when you know the message did not leave',
			},
		],
	},
	{
		displayName: 'Send Error',
		name: 'sendError',
		type: 'string',
		default: '={{ $json.error }}',
		displayOptions: { show: { ...show, releaseWhen: ['notAccepted'] } },
		description: "The error of the send node (its error output's error field)",
	},
	{
		displayName: 'Claim Mark',
		name: 'claimMark',
		type: 'string',
		default: '={{ $json.claim && $json.claim.token ? $json.claim.token : "" }}',
		displayOptions: { show },
		description:
			"The mark (claim.token) Claim Step returned: only that claim is released, never another execution's. Empty: any claim of the step.",
	},
];

export type ReleaseWhy = 'always' | 'not_accepted' | 'outcome_unknown';

export interface ReleaseParameters {
	stepId: string;
	releaseWhen: 'notAccepted' | 'always';
	sendError: unknown;
	token: string;
	/** What the send error allows (releaseWhy). */
	why: ReleaseWhy;
}

export function readReleaseParameters(fn: IExecuteFunctions, itemIndex: number): ReleaseParameters {
	const releaseWhen = fn.getNodeParameter('releaseWhen', itemIndex, 'notAccepted') as
		| 'notAccepted'
		| 'always';
	const text = (name: string) => {
		const value = fn.getNodeParameter(name, itemIndex, '') as unknown;
		return value === null || value === undefined ? '' : String(value).trim();
	};
	const sendError =
		releaseWhen === 'always' ? null : (fn.getNodeParameter('sendError', itemIndex, '') as unknown);
	return {
		stepId: text('stepId'),
		releaseWhen,
		sendError,
		token: text('claimMark'),
		why: releaseWhy({ releaseWhen, sendError }),
	};
}

/**
 * Whether a claim may be released, the same rule at every source: `always` when asked, `not_accepted` when the
 * send error shows the message certainly did not leave, else `outcome_unknown` (the claim stays: a second
 * message must never go out on a doubt).
 */
export function releaseWhy(
	request: Pick<ReleaseParameters, 'releaseWhen' | 'sendError'>,
): ReleaseWhy {
	if (request.releaseWhen === 'always') return 'always';
	return classifySendFailure(request.sendError) === 'not_accepted'
		? 'not_accepted'
		: 'outcome_unknown';
}
