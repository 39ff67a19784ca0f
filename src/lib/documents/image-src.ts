// Where a picture in a document may come from, for the editor and the server alike: an image
// uploaded to a document on this site (the address the upload endpoint hands the editor) or an
// http(s) address elsewhere (imported Markdown; the page's CSP still decides whether a browser
// loads it). Anything else is dropped: javascript: and data: addresses, protocol-relative
// //host, and other paths on this site, which a browser would request with the reader's cookies.

const UPLOADED = /^\/docs\/[^/?#\\]+\/images\/[^/?#\\]+$/;

/** The address when an image may show it, else null. */
export function safeImageSrc(src: unknown): string | null {
	if (typeof src !== 'string') return null;
	// Control characters are dropped as browsers do, so what is checked is what is loaded.
	const value = src.replace(/\p{Cc}/gu, '').trim();
	if (UPLOADED.test(value)) return value;
	if (!/^https?:\/\/[^/\\]/i.test(value)) return null;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
	} catch {
		return null;
	}
}
