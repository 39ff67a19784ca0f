// Reading an OpenAlex Work object (https://api.openalex.org/works/https://doi.org/<doi>) into a
// research entry and SDG suggestions. Pure: lookup.ts does the fetching.

import { z } from 'zod';
import type { GoalSuggestion, ResearchEntry, ResearchType } from './entry.ts';
import { buildEntry } from './build.ts';
import { stripMarkup } from './text.ts';

const text = z.string().nullish();
const institution = z.looseObject({ display_name: text, country_code: text });
const work = z.looseObject({
	doi: text,
	title: text,
	display_name: text,
	publication_year: z.number().nullish(),
	language: text,
	type: text,
	authorships: z
		.array(
			z.looseObject({
				author: z.looseObject({ display_name: text, orcid: text }).nullish(),
				institutions: z.array(institution).nullish()
			})
		)
		.nullish(),
	abstract_inverted_index: z.record(z.string(), z.array(z.number())).nullish(),
	keywords: z.array(z.looseObject({ display_name: text })).nullish(),
	concepts: z
		.array(z.looseObject({ display_name: text, score: z.coerce.number().nullish() }))
		.nullish(),
	open_access: z.looseObject({ oa_url: text }).nullish(),
	primary_location: z.looseObject({ landing_page_url: text }).nullish(),
	best_oa_location: z.looseObject({ pdf_url: text, landing_page_url: text }).nullish(),
	sustainable_development_goals: z
		.array(z.looseObject({ id: text, display_name: text, score: z.coerce.number().nullish() }))
		.nullish()
});
type Work = z.infer<typeof work>;

/** OpenAlex shows goals scoring above 0.4; we pass those on as suggestions. */
export const openAlexMinScore = 0.4;

const typeMap: Record<string, ResearchType> = {
	dissertation: 'thesis',
	dataset: 'dataset',
	report: 'report',
	standard: 'report',
	grant: 'project'
};

/** The abstract's words put back in order from OpenAlex's inverted index. */
export function abstractFromIndex(index: Record<string, number[]> | null | undefined): string {
	if (!index) return '';
	const placed: [number, string][] = [];
	for (const [word, positions] of Object.entries(index)) {
		for (const position of positions) placed.push([position, word]);
	}
	return placed
		.sort((a, b) => a[0] - b[0])
		.map(([, word]) => word)
		.join(' ');
}

// Swedish institutions first: Erfa matches the institution to its member organizations.
function institutionName(value: Work): string | null {
	const all = (value.authorships ?? []).flatMap((a) => a.institutions ?? []);
	const swedish = all.find((i) => i.country_code === 'SE' && i.display_name);
	return swedish?.display_name ?? all.find((i) => i.display_name)?.display_name ?? null;
}

// "Benchmark (surveying)" → "Benchmark": the parenthesis only disambiguates OpenAlex's topics.
function keywords(value: Work): string[] {
	const names = (value.keywords ?? []).map((k) => k.display_name ?? '');
	const fallback = (value.concepts ?? [])
		.filter((c) => (c.score ?? 0) >= openAlexMinScore)
		.map((c) => c.display_name ?? '');
	return (names.length ? names : fallback)
		.map((n) => n.replace(/\s*\([^)]*\)$/, ''))
		.filter(Boolean);
}

export function openAlexSuggestions(value: Work): GoalSuggestion[] {
	return (value.sustainable_development_goals ?? [])
		.map((sdg) => ({
			goal: Number(/\/sdg\/(\d+)$/.exec(sdg.id ?? '')?.[1]),
			confidence: Math.round((sdg.score ?? 0) * 100) / 100,
			source: 'openalex' as const,
			reason: sdg.display_name ?? ''
		}))
		.filter((s) => s.goal >= 1 && s.goal <= 17 && s.confidence > openAlexMinScore)
		.sort((a, b) => b.confidence - a.confidence);
}

/** The entry and goal suggestions from a Work object, or null when it is not one. */
export function parseOpenAlexWork(
	json: unknown
): { entry: ResearchEntry; suggestions: GoalSuggestion[] } | null {
	const parsed = work.safeParse(json);
	if (!parsed.success) return null;
	const value = parsed.data;
	const title = stripMarkup(value.title ?? value.display_name ?? '');
	if (!title.trim()) return null;
	const { entry } = buildEntry({
		type: typeMap[value.type ?? ''] ?? 'article',
		title,
		authors: (value.authorships ?? []).map((a) => ({
			name: a.author?.display_name ?? '',
			orcid: a.author?.orcid ?? null
		})),
		year: value.publication_year ?? null,
		abstract: abstractFromIndex(value.abstract_inverted_index),
		keywords: keywords(value),
		language: value.language,
		doi: value.doi,
		url: value.primary_location?.landing_page_url ?? (value.doi || null),
		openAccessUrl: value.open_access?.oa_url ?? value.best_oa_location?.pdf_url ?? null,
		institution: institutionName(value)
	});
	return { entry, suggestions: openAlexSuggestions(value) };
}
