import { createRequire } from 'node:module';
import type sanitizeHtml from 'sanitize-html';

export type SanitizeOptions = sanitizeHtml.IOptions;

// sanitize-html, with postcss under it (~3 MB), is loaded at the first call, not at start-up:
// a process that renders no member text never holds it (issue 17). The package is CommonJS, so
// require() gives the very module an import would, and the call stays synchronous.
let loaded: typeof sanitizeHtml | undefined;

/** sanitize-html's `sanitizeHtml(html, options)`, the package loaded on first use. */
export function sanitize(html: string, options: SanitizeOptions): string {
	loaded ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitizeHtml;
	return loaded(html, options);
}
