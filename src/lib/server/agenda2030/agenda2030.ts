import { z } from 'zod';
import type { Db } from '$lib/server/platform';

import type { GoalOrganization, Text, Target } from '../../agenda2030/types.ts';
export type { Text, Target };
export type { GoalOrganization };

// Agenda 2030: the 17 global goals and their targets (reference data seeded from
// supabase/reference), and what in Erfa is linked to each goal. Everything goes through the
// caller's supabase client, so row-level security decides what is counted and listed.

export type Locale = 'sv' | 'en';

/** A goal number as written in a URL ("8", never "08" or "8.0"): 1–17. */
export const goalNumber = z
	.string()
	.regex(/^[1-9][0-9]?$/)
	.transform(Number)
	.pipe(z.number().max(17));

export interface Goal {
	number: number;
	code: string;
	name: string;
	color: string;
}

export interface GoalDetail extends Goal {
	/** The goal's official text; `unverified` when no authoritative Swedish source confirmed it. */
	title: Text & { unverified: boolean };
	/** Where the Swedish name and text come from. */
	sourcesSv: string[];
	targets: Target[];
}

export interface GoalCounts {
	goal: number;
	groups: number;
	experiences: number;
	documents: number;
	research: number;
}

type GoalRow = {
	number: number;
	code: string;
	name_sv: string;
	name_en: string;
	title_sv: string | null;
	title_sv_unverified: string | null;
	title_en: string;
	color_hex: string;
	sources_sv: string[];
};

const toGoal = (r: GoalRow, locale: Locale): Goal => ({
	number: r.number,
	code: r.code,
	name: locale === 'en' ? r.name_en : r.name_sv,
	color: r.color_hex
});

type TargetRow = { id: string; goal: number; text_en: string; text_sv: string | null };

interface Reference {
	goals: GoalRow[];
	targets: TargetRow[];
}

// The goals and targets are reference data (supabase/reference, readable by everyone, never
// changed while Erfa runs): read once per process instead of on nearly every page (issue 17).
// A failed read is not kept, so the next page asks again.
let reference: Promise<Reference> | null = null;

async function readReference(db: Db): Promise<Reference> {
	const [goalResult, targetResult] = await Promise.all([
		db.from('sdg_goals').select('*').order('number'),
		db.from('sdg_targets').select('id, goal, text_en, text_sv').order('goal').order('position')
	]);
	if (goalResult.error) throw new Error(`sdg_goals: ${goalResult.error.message}`);
	if (targetResult.error) throw new Error(`sdg_targets: ${targetResult.error.message}`);
	return { goals: goalResult.data as GoalRow[], targets: targetResult.data as TargetRow[] };
}

/** Reads the reference data again on next use (after it changed, e.g. in a test). */
export function forgetReference(): void {
	reference = null;
}

function referenceData(db: Db): Promise<Reference> {
	reference ??= readReference(db).catch((error: unknown) => {
		reference = null;
		throw error;
	});
	return reference;
}

export async function goals(db: Db, locale: Locale): Promise<Goal[]> {
	return (await referenceData(db)).goals.map((r) => toGoal(r, locale));
}

/** Swedish where a verified Swedish text exists, otherwise the English original. */
function titleOf(r: GoalRow, locale: Locale): GoalDetail['title'] {
	if (locale === 'sv' && r.title_sv) return { text: r.title_sv, lang: 'sv', unverified: false };
	if (locale === 'sv' && r.title_sv_unverified) {
		return { text: r.title_sv_unverified, lang: 'sv', unverified: true };
	}
	return { text: r.title_en, lang: 'en', unverified: false };
}

export async function goal(db: Db, n: number, locale: Locale): Promise<GoalDetail | null> {
	const data = await referenceData(db);
	const row = data.goals.find((g) => g.number === n);
	if (!row) return null;
	const targets = data.targets.filter((t) => t.goal === n);
	return {
		...toGoal(row, locale),
		title: titleOf(row, locale),
		sourcesSv: row.sources_sv,
		targets: targets.map((t) =>
			locale === 'sv' && t.text_sv
				? { id: t.id, text: t.text_sv, lang: 'sv' }
				: { id: t.id, text: t.text_en, lang: 'en' }
		)
	};
}

/** Per goal, what the caller can see: active groups, published experiences, documents and
 * research with the goal confirmed. */
export async function counts(db: Db): Promise<GoalCounts[]> {
	const { data, error } = await db.rpc('sdg_counts');
	if (error) throw new Error(`sdg_counts: ${error.message}`);
	return (data as Record<keyof GoalCounts, number | string>[]).map((r) => ({
		goal: Number(r.goal),
		groups: Number(r.groups),
		experiences: Number(r.experiences),
		documents: Number(r.documents),
		research: Number(r.research)
	}));
}

/** Member municipalities and regions working on the goal, the most active first. */
export async function organizations(db: Db, n: number): Promise<GoalOrganization[]> {
	const { data, error } = await db.rpc('goal_organizations', { p_goal: n });
	if (error) throw new Error(`goal_organizations: ${error.message}`);
	return organizationsFrom(data as Record<string, unknown>[]);
}

/** Rows of public.goal_organizations, as read directly or with a goal page (linked.ts). */
export function organizationsFrom(rows: Record<string, unknown>[]): GoalOrganization[] {
	return rows.map((r) => ({
		id: r.id as string,
		slug: r.slug as string,
		name: r.name as string,
		kind: r.kind as GoalOrganization['kind'],
		county: r.county as string | null,
		experiences: Number(r.experiences),
		documents: Number(r.documents),
		groups: Number(r.groups)
	}));
}
