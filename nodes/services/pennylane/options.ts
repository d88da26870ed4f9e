import type { INodeProperties } from 'n8n-workflow';

import { timeZoneOption } from '../../common/properties';
import { overdueWindowProperties } from '../../common/source-properties';

/**
 * Properties the Pennylane nodes offer (Pennylane Dunning's List Overdue, and the trigger's polling when it
 * comes), with the same names, units and defaults as Stripe's and QuickBooks'.
 */

export const pennylaneTimeZoneOption: INodeProperties = timeZoneOption(
	'IANA zone in which "today" is taken and a draft\'s creation time becomes a date; empty: the workflow\'s',
);

/** Which invoices are listed: the overdue window, and optionally one customer. */
export function pennylaneOverdueFilterProperties(
	show: Record<string, Array<string | boolean>>,
): INodeProperties[] {
	return [
		...overdueWindowProperties(show, 'Finalised, unpaid customer invoices'),
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 801',
			displayOptions: { show },
			description: 'Only the invoices of this Pennylane customer (empty: all customers)',
		},
	];
}
