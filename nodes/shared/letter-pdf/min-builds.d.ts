// The minified builds that pdf-lib and fontkit ship, typed as their main entries: the letter core imports
// them so that the bundle carries 1.3 MB of PDF machinery instead of 2.7 MB (measured with esbuild).
declare module '@pdf-lib/fontkit/dist/fontkit.umd.min.js' {
	import fontkit from '@pdf-lib/fontkit';
	export default fontkit;
}
declare module 'pdf-lib/dist/pdf-lib.min.js' {
	export * from 'pdf-lib';
}
