import type { PacerLimits } from '../../common/pacer';

/**
 * QuickBooks Online Accounting API, per company (realm) and app (sources: docs/limits.md).
 * https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles: 500 requests per minute and
 * 10 per second per realm; https://blogs.intuit.com/2016/08/08/idg-concurrent-api-use-changes-coming-soon/:
 * no more than 10 concurrent requests per realm. Over either: HTTP 429, fault code 3001 (ThrottleExceeded).
 */
export const QUICKBOOKS_LIMITS: Readonly<PacerLimits> = Object.freeze({
	concurrency: 10,
	perSecond: 10,
	perMinute: 500,
});

/**
 * Requests at Once, by default: half the realm's 10 concurrent requests, leaving room for another app or
 * execution on the same company. At 250 ms a call 5 in flight make 20 a second, more than the 500 a minute
 * (8.3 a second) that bounds a large run anyway.
 */
export const QUICKBOOKS_REQUESTS_AT_ONCE = 5;
