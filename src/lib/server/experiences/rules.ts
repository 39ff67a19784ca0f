import { z } from 'zod';
import type { Db } from '$lib/server/platform';

// What an experience report may contain. The route's form schema gives friendlier messages;
// these rules are the guarantee whatever calls the domain module.

export const limits = {
	titleMin: 3,
	title: 200,
	summary: 2000,
	long: 20000,
	contactPerson: 200
} as const;

export interface ExperienceInput {
	title: string;
	summary: string;
	background: string;
	actions: string;
	results: string;
	lessons: string;
	contactPerson: string | null;
	organizationId: string | null;
	/** ISO dates (YYYY-MM-DD). */
	periodStart: string | null;
	periodEnd: string | null;
	sdgGoals: number[];
	/** Target ids such as "11.3" or "4.a". */
	sdgTargets: string[];
	sharedWithAll: boolean;
}

const longText = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.date().nullable();

const rules = z
	.object({
		title: z.string().trim().min(limits.titleMin).max(limits.title),
		summary: longText(limits.summary),
		background: longText(limits.long),
		actions: longText(limits.long),
		results: longText(limits.long),
		lessons: longText(limits.long),
		contactPerson: z
			.string()
			.trim()
			.max(limits.contactPerson)
			.nullable()
			.transform((v) => v || null),
		organizationId: z.uuid().nullable(),
		periodStart: isoDate,
		periodEnd: isoDate,
		sdgGoals: z.array(z.number().int().min(1).max(17)),
		sdgTargets: z.array(z.string().regex(/^(?:[1-9]|1[0-7])\.(?:[1-9][0-9]?|[a-z])$/)).max(169),
		sharedWithAll: z.boolean()
	})
	.refine((v) => !v.periodStart || !v.periodEnd || v.periodEnd >= v.periodStart, {
		path: ['periodEnd']
	})
	// A chosen target implies its goal, so the two lists never disagree.
	.transform((v) => {
		const targets = [...new Set(v.sdgTargets)].sort(compareTargets);
		const goals = new Set([...v.sdgGoals, ...targets.map((t) => Number(t.split('.')[0]))]);
		return { ...v, sdgTargets: targets, sdgGoals: [...goals].sort((a, b) => a - b) };
	});

/** UN order: 4.1 … 4.10, then 4.a, 4.b. */
export function compareTargets(a: string, b: string): number {
	const [ga, ta = ''] = a.split('.');
	const [gb, tb = ''] = b.split('.');
	if (ga !== gb) return Number(ga) - Number(gb);
	const na = /^\d+$/.test(ta) ? Number(ta) : 1000 + ta.charCodeAt(0);
	const nb = /^\d+$/.test(tb) ? Number(tb) : 1000 + tb.charCodeAt(0);
	return na - nb;
}

type Checked = z.output<typeof rules>;

export async function check(db: Db, input: ExperienceInput) {
	const checked = rules.safeParse(input);
	if (!checked.success) {
		const field = checked.error.issues[0]?.path[0] as keyof ExperienceInput;
		return { ok: false as const, reason: 'invalid' as const, field };
	}
	const targets = checked.data.sdgTargets;
	if (targets.length > 0) {
		const { data, error } = await db.from('sdg_targets').select('id').in('id', targets);
		if (error) throw new Error(`sdg_targets: ${error.message}`);
		if (data.length !== targets.length) {
			return { ok: false as const, reason: 'invalid' as const, field: 'sdgTargets' as const };
		}
	}
	return { ok: true as const, data: checked.data };
}

export const toColumns = (d: Checked) => ({
	title: d.title,
	summary: d.summary,
	background: d.background,
	actions: d.actions,
	results: d.results,
	lessons: d.lessons,
	contact_person: d.contactPerson,
	organization_id: d.organizationId,
	period_start: d.periodStart,
	period_end: d.periodEnd,
	sdg_goals: d.sdgGoals,
	sdg_targets: d.sdgTargets,
	shared_with_all: d.sharedWithAll
});

export type Columns = ReturnType<typeof toColumns>;
