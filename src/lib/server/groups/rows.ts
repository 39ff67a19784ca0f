// The shape of a group row as the REST API returns it, shared by ./groups.ts and
// ./decisions.ts.

export const limits = { name: 120, description: 10000, slug: 80, note: 1000 } as const;
export const VISIBILITIES = ['open', 'closed'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export type Status = 'proposed' | 'active' | 'declined' | 'archived';
export type Role = 'member' | 'coordinator';

export interface ThemeRef {
	id: string;
	slug: string;
	name: string;
}

export interface Group {
	id: string;
	slug: string;
	name: string;
	description: string;
	visibility: Visibility;
	status: Status;
	theme: ThemeRef | null;
	sdgGoals: number[];
	proposedBy: string | null;
	decisionNote: string | null;
	createdAt: string;
}

export const GROUP_COLUMNS =
	'id, slug, name, description, visibility, status, sdg_goals, proposed_by, decision_note, created_at, theme:themes(id, slug, name)';

export interface GroupRow {
	id: string;
	slug: string;
	name: string;
	description: string;
	visibility: Visibility;
	status: Status;
	sdg_goals: number[];
	proposed_by: string | null;
	decision_note: string | null;
	created_at: string;
	theme: ThemeRef | null;
}

export const fromRow = (r: GroupRow): Group => ({
	id: r.id,
	slug: r.slug,
	name: r.name,
	description: r.description,
	visibility: r.visibility,
	status: r.status,
	theme: r.theme,
	sdgGoals: [...r.sdg_goals].sort((a, b) => a - b),
	proposedBy: r.proposed_by,
	decisionNote: r.decision_note,
	createdAt: r.created_at
});

export function failed(what: string, e: { code?: string; message: string }): never {
	throw new Error(`${what}: ${e.message} (${e.code ?? 'no code'})`);
}
