// Reading a Crossref REST API work (https://api.crossref.org/works/<doi>, `message` of type
// "work") into a research entry. Crossref has no SDG scores, so there are no suggestions here.

import { z } from 'zod';
import type { ResearchEntry, ResearchType } from './entry.ts';
import { buildEntry } from './build.ts';
import { stripMarkup } from './text.ts';

const text = z.string().nullish();
const date = z.looseObject({ 'date-parts': z.array(z.array(z.number().nullable())).nullish() });
const message = z.looseObject({
	DOI: z.string(),
	type: text,
	title: z.array(z.string()).nullish(),
	subtitle: z.array(z.string()).nullish(),
	author: z
		.array(
			z.looseObject({
				given: text,
				family: text,
				name: text,
				ORCID: text,
				affiliation: z.array(z.looseObject({ name: text })).nullish()
			})
		)
		.nullish(),
	issued: date.nullish(),
	'published-print': date.nullish(),
	'published-online': date.nullish(),
	abstract: text,
	language: text,
	resource: z.looseObject({ primary: z.looseObject({ URL: text }).nullish() }).nullish(),
	institution: z.array(z.looseObject({ name: text })).nullish()
});
const response = z.looseObject({ status: z.literal('ok'), message });
type Message = z.infer<typeof message>;

const typeMap: Record<string, ResearchType> = {
	dissertation: 'thesis',
	report: 'report',
	'report-component': 'report',
	'report-series': 'report',
	standard: 'report',
	dataset: 'dataset',
	database: 'dataset',
	grant: 'project'
};

function year(value: Message): number | null {
	for (const field of [value.issued, value['published-print'], value['published-online']]) {
		const first = field?.['date-parts']?.[0]?.[0];
		if (typeof first === 'number') return first;
	}
	return null;
}

// Affiliations are addresses ("Chemistry Research Laboratory, 12 Mansfield Road, Oxford, …");
// the part naming a university or institute is what can be matched to an organization.
function institution(value: Message): string | null {
	const named = value.institution?.find((i) => i.name)?.name;
	if (named) return named;
	const affiliations = (value.author ?? []).flatMap((a) => a.affiliation ?? []);
	const first = affiliations.find((a) => a.name)?.name;
	if (!first) return null;
	const parts = first.split(',').map((p) => p.trim());
	// A university before its schools ("Handelshögskolan, Örebro universitet").
	const kinds = [/universit/i, /högskola|hochschule|college/i, /institut/i];
	for (const kind of kinds) {
		const part = parts.find((p) => kind.test(p));
		if (part) return part;
	}
	return null;
}

/** The entry from a Crossref work response, or null when it is not one. */
export function parseCrossrefWork(json: unknown): ResearchEntry | null {
	const parsed = response.safeParse(json);
	if (!parsed.success) return null;
	const value = parsed.data.message;
	const main = stripMarkup(value.title?.[0] ?? '').trim();
	if (!main) return null;
	const subtitle = stripMarkup(value.subtitle?.[0] ?? '').trim();
	const { entry } = buildEntry({
		type: typeMap[value.type ?? ''] ?? 'article',
		title: subtitle ? `${main}: ${subtitle}` : main,
		authors: (value.author ?? []).map((a) => ({
			name: a.name ?? [a.given, a.family].filter(Boolean).join(' '),
			orcid: a.ORCID ?? null
		})),
		year: year(value),
		abstract: stripMarkup(value.abstract ?? ''),
		language: value.language,
		doi: value.DOI,
		// `URL` is the DOI link (often the old dx.doi.org form); the landing page is better.
		url: value.resource?.primary?.URL ?? `https://doi.org/${value.DOI}`,
		institution: institution(value)
	});
	return entry;
}
