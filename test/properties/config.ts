// Shared fast-check settings for the property tests (issue 9). The seed is fixed so that a run is
// reproducible in CI; fast-check prints it (with the counterexample and its shrink path) when a property
// fails. Override with FC_SEED=<n> (and FC_RUNS=<n> to scale every property up or down) to explore further.
import * as fc from 'fast-check';

export const SEED = Number(process.env.FC_SEED ?? 20261126);
const SCALE = Number(process.env.FC_RUNS_SCALE ?? 1);

/** Runs per property: `runs` is the documented default (see test/properties/README.md). */
export function params<T>(runs: number): fc.Parameters<T> {
	return { seed: SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: false };
}
