// Types of npm-env.js.
export declare function toolNpmEnv(
	env?: Record<string, string | undefined>,
	npmrc?: string,
): Record<string, string | undefined>;
export declare function npmrcKeys(file?: string): string[];
export declare const PROJECT_NPMRC: string;
