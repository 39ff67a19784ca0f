import type { Sql } from 'postgres';
import type { SaveInput } from '../../research/research.ts';
import { unique } from './unique.ts';

// Research records: inserted directly for scenes, or a valid input for `research.save`.

export interface ResearchGoal {
	goal: number;
	target?: string | null;
	source?: 'manual' | 'openalex' | 'keywords';
	status?: 'suggested' | 'confirmed' | 'rejected';
	confidence?: number | null;
}

export interface ResearchOverrides {
	title?: string;
	abstract?: string;
	visibility?: 'public' | 'members';
	createdBy?: string | null;
	/** Rows in research_sdg; each defaults to a confirmed manual choice. */
	sdg?: ResearchGoal[];
}

export async function buildResearch(
	sql: Sql,
	overrides: ResearchOverrides = {}
): Promise<{ id: string }> {
	const [row] = await sql<{ id: string }[]>`
		insert into public.research (title, abstract, visibility, created_by)
		values (${overrides.title ?? `Forskning ${unique()}`}, ${overrides.abstract ?? ''},
			${overrides.visibility ?? 'public'}, ${overrides.createdBy ?? null})
		returning id`;
	for (const sdg of overrides.sdg ?? []) {
		await sql`insert into public.research_sdg (research_id, goal, target, source, confidence, status)
			values (${row!.id}, ${sdg.goal}, ${sdg.target ?? null}, ${sdg.source ?? 'manual'},
				${sdg.confidence ?? null}, ${sdg.status ?? 'confirmed'})`;
	}
	return { id: row!.id };
}

/** A valid research record to pass to `research.save`, with overrides; each has its own DOI. */
let researchCount = 0;
export function researchInput(overrides: Partial<SaveInput> = {}): SaveInput {
	researchCount++;
	return {
		title: `Kommunernas arbetsmarknad ${researchCount}`,
		authors: [
			{ name: 'Sara Holm', orcid: '0000-0002-1825-0097' },
			{ name: 'Per Ek', orcid: null }
		],
		year: 2025,
		type: 'article',
		abstract: 'En studie av arbetsmarknaden i Bergslagens kommuner.',
		keywords: ['arbetsmarknad', 'kommuner'],
		language: 'sv',
		doi: `10.1234/erfa.${unique()}`,
		url: null,
		openAccessUrl: null,
		institution: null,
		institutionId: null,
		visibility: 'public',
		goals: [8],
		targets: [],
		...overrides
	};
}
