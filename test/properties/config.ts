// Shared fast-check settings for the property tests (issue 9). The seed is fixed so that a run is
// reproducible in CI; fast-check prints it (with the counterexample and its shrink path) when a property
// fails. Override with FC_SEED=<n> (and FC_RUNS_SCALE=<x> to scale every property up or down) to explore further.
// CI runs every documented count; a contributor's `npm test` runs the first quarter of the same cases (same seed,
// so a local run is a prefix of CI's), which keeps the loop under a minute.
import * as fc from 'fast-check';

export const SEED = Number(process.env.FC_SEED ?? 20261126);
const SCALE = Number(process.env.FC_RUNS_SCALE ?? (process.env.CI === 'true' ? 1 : 0.25));

/** Runs per property: `runs` is the documented default (see test/properties/README.md). */
export function params<T>(runs: number): fc.Parameters<T> {
	return { seed: SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: false };
}

/** Every documented run, locally too: for a property whose rarer branch (asserted to occur) needs them all. */
export function fullParams<T>(runs: number): fc.Parameters<T> {
	return { ...params<T>(runs), numRuns: runs };
}
