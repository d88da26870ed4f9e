// Types of install.js.
export interface N8nInstall {
	/** n8n's CLI script: run it as `nodeBin n8nBin <args>`. */
	n8nBin: string;
	/** The cached Node 24 binary. */
	nodeBin: string;
	/** Variables to merge into a child's environment (PATH with Node 24 first). */
	env: Record<string, string>;
	/** The cache folder holding both. */
	root: string;
	version: string;
}

export declare function ensureN8n(): Promise<N8nInstall>;
export declare function isInstalled(): boolean;
export declare function cacheDir(): string;
export declare const N8N_VERSION: string;
export declare const NODE_VERSION: string;

/** A child npm call: what install.js spawns (exported so tests can check the child's view of its config). */
export interface NpmCall {
	command: string;
	args: string[];
	options: { cwd: string; env: Record<string, string | undefined> };
}
export declare function nodeInstallCommand(
	p?: ReturnType<typeof paths>,
	env?: Record<string, string | undefined>,
): NpmCall;
export declare function n8nInstallCommand(
	p?: ReturnType<typeof paths>,
	env?: Record<string, string | undefined>,
): NpmCall;
export declare function paths(root?: string): {
	root: string;
	nodeDir: string;
	n8nDir: string;
	nodeBin: string;
	n8nBin: string;
	sqliteDir: string;
	marker: string;
	lock: string;
};
