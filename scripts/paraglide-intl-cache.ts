import type { Plugin } from 'vite';

// Paraglide's generated registry (src/lib/paraglide/registry.js, rewritten by every compile)
// builds a new Intl.PluralRules for every plural message it formats, and the same for numbers,
// dates and relative times. A formatter costs a locale lookup and pattern compilation each
// time, and a page formats counts by the dozen (issue 17: ~2 % of a list page's server CPU).
// This plugin makes each combination of kind, locale and options built once per process (or
// browser tab) and reused, as src/lib/text/intl.ts does for the app's own formatters. The
// options are the literals written in the messages, so they serialize to a stable key.

const registry = /[\\/]src[\\/]lib[\\/]paraglide[\\/]registry\.js$/;
const construction =
	/new Intl\.(PluralRules|NumberFormat|DateTimeFormat|RelativeTimeFormat)\(locale, (\w+)\)/g;

const cache = `
const __erfaFormatters = new Map();
function __erfaIntl(Kind, locale, options) {
	const key = Kind.name + '|' + locale + '|' + (options === undefined ? '' : JSON.stringify(options));
	let formatter = __erfaFormatters.get(key);
	if (!formatter) {
		formatter = new Kind(locale, options);
		__erfaFormatters.set(key, formatter);
	}
	return formatter;
}
`;

export function paraglideIntlCache(): Plugin {
	return {
		name: 'erfa-paraglide-intl-cache',
		enforce: 'pre',
		transform(code, id) {
			if (!registry.test(id.split('?')[0]!)) return null;
			const cached = code.replace(construction, '__erfaIntl(Intl.$1, locale, $2)');
			if (cached === code) {
				// A newer Paraglide writes its registry differently: the messages still work, only
				// uncached; say so, so that someone looks.
				this.warn('src/lib/paraglide/registry.js: no Intl constructor found to cache');
				return null;
			}
			return { code: cache + cached, map: null };
		}
	};
}
