/**
 * An email's HTML with its numeric character references decoded: the composer writes every character above
 * U+00FF as one (`&#8364;` for €), so assertions on what a reader sees compare against this.
 */
export function decodeReferences(html: string): string {
	return html.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}
