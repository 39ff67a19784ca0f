import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fields } from '$lib/server/forms';
import type { SaveInput } from './research.ts';
import { researchTypes } from './entry.ts';
import { normalizeDoi, normalizeOrcid, normalizeUrl } from './identifiers.ts';

// The research form (new and edit). Authors are one per line, "Name, ORCID" with the ORCID
// optional; keywords are comma separated. DOIs and ORCIDs are validated and normalized here, so
// the person sees which line is wrong.

export const arrays = ['sdg', 'targets'];

const optional = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.field_too_long({ max }) })
		.default('');

const doi = optional(300).transform((v, ctx) => {
	if (!v) return null;
	const normalized = normalizeDoi(v);
	if (!normalized) ctx.addIssue({ code: 'custom', message: m.research_doi_invalid() });
	return normalized;
});

const url = optional(1000).transform((v, ctx) => {
	if (!v) return null;
	const normalized = normalizeUrl(v);
	if (!normalized) ctx.addIssue({ code: 'custom', message: m.research_url_invalid() });
	return normalized;
});

const authors = optional(20000).transform((v, ctx) => {
	const lines = v
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	return lines.map((line, i) => {
		const match =
			/^(.*?)[,;]\s*((?:https?:\/\/orcid\.org\/)?[0-9]{4}-?[0-9]{4}-?[0-9]{4}-?[0-9]{3}[0-9Xx])$/.exec(
				line
			);
		if (!match) return { name: line.slice(0, 200), orcid: null };
		const orcid = normalizeOrcid(match[2]!);
		if (!orcid)
			ctx.addIssue({ code: 'custom', message: m.research_orcid_invalid({ line: i + 1 }) });
		return { name: match[1]!.trim().slice(0, 200), orcid };
	});
});

const goal = z.string().regex(/^(?:[1-9]|1[0-7])$/, { error: () => m.research_goal_invalid() });
const target = z
	.string()
	.regex(/^(?:[1-9]|1[0-7])\.[0-9a-z]{1,2}$/, { error: () => m.research_goal_invalid() });

export const schema = z.object({
	title: fields.text(500).refine((v) => v.length >= 3, { error: () => m.research_title_short() }),
	authors,
	year: optional(4).transform((v, ctx) => {
		if (!v) return null;
		const n = Number(v);
		if (!Number.isInteger(n) || n < 1900 || n > 2100)
			ctx.addIssue({ code: 'custom', message: m.research_year_invalid() });
		return n;
	}),
	type: z.enum(researchTypes, { error: () => m.research_type_invalid() }),
	language: optional(2)
		.refine((v) => v === '' || /^[a-z]{2}$/.test(v), { error: () => m.research_language_invalid() })
		.transform((v) => v || null),
	organization: optional(40).pipe(z.union([z.literal(''), z.uuid()])),
	doi,
	url,
	open_access_url: url,
	keywords: optional(2000).transform((v) =>
		[
			...new Set(
				v
					.split(',')
					.map((k) => k.trim())
					.filter(Boolean)
			)
		].slice(0, 30)
	),
	abstract: optional(20000),
	visibility: z.enum(['public', 'members']).catch('public'),
	sdg: z.array(goal).max(17),
	targets: z.array(target).max(169)
});

export function toInput(data: z.output<typeof schema>): SaveInput {
	const goals = [...new Set(data.sdg.map(Number))];
	return {
		title: data.title,
		authors: data.authors,
		year: data.year,
		type: data.type,
		abstract: data.abstract,
		keywords: data.keywords,
		language: data.language,
		doi: data.doi,
		url: data.url,
		openAccessUrl: data.open_access_url,
		institution: null,
		institutionId: data.organization || null,
		visibility: data.visibility,
		goals,
		// A target counts only under a chosen goal.
		targets: data.targets.filter((t) => goals.includes(Number(t.split('.')[0])))
	};
}

/** The form's fields filled from a saved record or an imported entry. */
export function toValues(r: Partial<SaveInput> & { goals?: number[]; targets?: string[] }) {
	return {
		title: r.title ?? '',
		authors: (r.authors ?? []).map((a) => (a.orcid ? `${a.name}, ${a.orcid}` : a.name)).join('\n'),
		year: r.year ? String(r.year) : '',
		type: r.type ?? 'article',
		language: r.language ?? '',
		organization: r.institutionId ?? '',
		doi: r.doi ?? '',
		url: r.url ?? '',
		open_access_url: r.openAccessUrl ?? '',
		keywords: (r.keywords ?? []).join(', '),
		abstract: r.abstract ?? '',
		visibility: r.visibility ?? 'public',
		sdg: (r.goals ?? []).map(String),
		targets: r.targets ?? []
	};
}
