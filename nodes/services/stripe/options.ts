import type { INodeProperties } from 'n8n-workflow';

import { timeZoneOption } from '../../common/properties';
import { customerIdFilterProperty, overdueWindowProperties } from '../../common/source-properties';

/**
 * Properties both Stripe nodes offer (Stripe Dunning's List Overdue and the trigger's polling), with the same
 * names, units and defaults.
 */

/** The time zone option, in Stripe's words. */
export const stripeTimeZoneOption: INodeProperties = timeZoneOption(
	'IANA zone in which Stripe timestamps become dates and "today" is taken; empty: the workflow\'s',
);

/** Which invoices are listed: the overdue window, and optionally one customer. */
export function stripeOverdueFilterProperties(
	show: Record<string, Array<string | boolean>>,
): INodeProperties[] {
	return [
		...overdueWindowProperties(show, 'Open send_invoice invoices'),
		customerIdFilterProperty(show, 'Stripe', 'cus_...'),
	];
}
