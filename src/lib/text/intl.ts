// Intl formatters are costly to build (a locale lookup and pattern compilation each time) and a
// page lists dates by the dozen, so each combination of locale and options is built once per
// process (or browser tab) and reused. The options must be plain, serializable values.
//
// Callers pass module-level option constants, so the cache is keyed by that object's identity
// and the locale: serializing the options on every call cost ~2 % of a page's CPU (issue 17).
// An options object seen for the first time (a literal built per call) is looked up by its
// serialized form, so it still shares the formatter built for equal options.

type Cache<F> = {
	byOptions: WeakMap<object, Map<string, F>>;
	byKey: Map<string, F>;
};

const cache = <F>(): Cache<F> => ({ byOptions: new WeakMap(), byKey: new Map() });
const dateTimeFormats = cache<Intl.DateTimeFormat>();
const numberFormats = cache<Intl.NumberFormat>();

function cached<F, O extends object>(
	formats: Cache<F>,
	locale: string,
	options: O,
	build: (locale: string, options: O) => F
): F {
	let perLocale = formats.byOptions.get(options);
	const hit = perLocale?.get(locale);
	if (hit) return hit;
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = formats.byKey.get(key);
	if (!format) {
		format = build(locale, options);
		formats.byKey.set(key, format);
	}
	if (!perLocale) formats.byOptions.set(options, (perLocale = new Map()));
	perLocale.set(locale, format);
	return format;
}

export function dateTimeFormat(
	locale: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	return cached(dateTimeFormats, locale, options, (l, o) => new Intl.DateTimeFormat(l, o));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	return cached(numberFormats, locale, options, (l, o) => new Intl.NumberFormat(l, o));
}
