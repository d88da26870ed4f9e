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
