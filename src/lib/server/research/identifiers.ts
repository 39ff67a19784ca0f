// Identifier normalization for research records: DOI, ORCID iD and web links. Every importer
// (BibTeX, RIS, CSL-JSON, Crossref, OpenAlex) goes through these, so stored values have one form.

/**
 * A DOI after its prefix and resolver are removed. Crossref recommends
 * `^10.\d{4,9}/[-._;()/:A-Z0-9]+$`i, which matches ~99% of its DOIs but refuses real older
 * ones such as Wiley's `10.1002/(SICI)1521-3773(19980302)37:4<489::AID-ANIE489>3.0.CO;2-N`.
 * So we take the wider `10.\d{4,9}/\S+` (what the database checks too), minus braces, which
 * no registered DOI uses and which would break BibTeX output.
 */
const doiPattern = /^10\.\d{4,9}\/[^\s{}]+$/;
export const maxDoiLength = 300;

const doiResolver = /^(?:https?:\/\/)?(?:www\.|dx\.)?doi\.org\//i;
const doiScheme = /^(?:doi:|doi\s+|info:doi\/|urn:doi:)\s*/i;

/** `10.1234/abc` from `doi:10.1234/ABC`, `https://doi.org/10.1234/abc`, … or null when invalid. */
export function normalizeDoi(input: string | null | undefined): string | null {
	if (!input) return null;
	let value = input.trim();
	if (doiResolver.test(value)) {
		// A resolver link may percent-encode characters such as ( ) < >.
		value = decodeComponent(value.replace(doiResolver, ''));
	}
	value = value.replace(doiScheme, '').trim();
	if (value.length > maxDoiLength || !doiPattern.test(value)) return null;
	return value.toLowerCase();
}

function decodeComponent(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

const orcidPrefix = /^(?:orcid:\s*|(?:https?:\/\/)?(?:www\.|sandbox\.)?orcid\.org\/)/i;

/**
 * `0000-0002-1825-0097` from the bare iD or its URL, or null when it is not 16 characters or the
 * ISO 7064 MOD 11-2 check character (last, may be X) does not match.
 */
export function normalizeOrcid(input: string | null | undefined): string | null {
	if (!input) return null;
	const bare = input.trim().replace(orcidPrefix, '').replace(/\/$/, '');
	const compact = /^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])$/.exec(bare);
	if (!compact) return null;
	const digits = compact.slice(1).join('').toUpperCase();
	if (orcidCheckCharacter(digits.slice(0, 15)) !== digits[15]) return null;
	return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}`;
}

/** ISO 7064 MOD 11-2 over the first 15 digits, as ORCID documents it. */
export function orcidCheckCharacter(fifteenDigits: string): string {
	let total = 0;
	for (const digit of fifteenDigits) total = (total + Number(digit)) * 2;
	const result = (12 - (total % 11)) % 11;
	return result === 10 ? 'X' : String(result);
}

export const maxUrlLength = 1000;

/** An absolute http(s) link, or null. `www.example.se/x` is taken as https. */
export function normalizeUrl(input: string | null | undefined): string | null {
	if (!input) return null;
	let value = input.trim().replace(/^<|>$/g, '');
	if (/^www\./i.test(value)) value = `https://${value}`;
	if (!/^https?:\/\//i.test(value)) return null;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return null;
	}
	if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
	const href = url.href;
	return href.length > maxUrlLength ? null : href;
}

/** The DOI a doi.org link points to, if the link is one. */
export function doiFromUrl(url: string | null | undefined): string | null {
	return url && doiResolver.test(url.trim()) ? normalizeDoi(url) : null;
}
