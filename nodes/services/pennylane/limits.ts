import type { PacerLimits } from '../../common/pacer';

/**
 * Pennylane's budget for one node run (test/simulators/pennylane/SOURCES.md, docs/limits.md): 25 requests per
 * 5 seconds per token. The pacer counts rolling seconds and minutes, so 5 a second keeps every 5-second
 * window at 25 or fewer; Pennylane states no concurrency limit, 5 in flight reach that rate at up to 1 s a call.
 */
export const PENNYLANE_LIMITS: Readonly<PacerLimits> = Object.freeze({
	concurrency: 5,
	perSecond: 5,
});

/** Requests at Once, by default: the pacer's own cap. */
export const PENNYLANE_REQUESTS_AT_ONCE = 5;
