/** Types for scripts/headless-chromium.js, for the TypeScript tests that share its flags. */
export const QUIET_FLAGS: readonly string[];
export const CHROMIUM_FLAGS: readonly string[];
export function findChromium(): string;
export function loadBundled<T = unknown>(entry: string, outFile: string): T;
