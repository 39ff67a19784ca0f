import type { CountyGroup, Organization } from '$lib/server/people';

// Filters the directory as a person types: every word must match the name, county, codes,
// slug or kind. Case and diacritics are ignored, so "orebro" finds "Örebro".

export interface Sections {
	counties: CountyGroup[];
	universities: Organization[];
	others: Organization[];
}

export function normalize(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function haystack(o: Organization, kindLabel: (o: Organization) => string): string {
	return normalize(
		[o.name, o.slug, o.county, o.countyCode, o.municipalityCode, kindLabel(o)]
			.filter(Boolean)
			.join(' ')
	);
}

export function filterSections(
	sections: Sections,
	query: string,
	kindLabel: (o: Organization) => string
): Sections & { count: number } {
	const words = normalize(query).split(/\s+/).filter(Boolean);
	const keep = (o: Organization) => {
		const text = haystack(o, kindLabel);
		return words.every((w) => text.includes(w));
	};
	const counties = sections.counties
		.map((c) => ({ ...c, organizations: c.organizations.filter(keep) }))
		.filter((c) => c.organizations.length > 0);
	const universities = sections.universities.filter(keep);
	const others = sections.others.filter(keep);
	const count =
		counties.reduce((n, c) => n + c.organizations.length, 0) + universities.length + others.length;
	return { counties, universities, others, count };
}
