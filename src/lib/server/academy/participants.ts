import type { Db } from '$lib/server/platform';
import type { Participant, Participation } from '$lib/academy/types';

// Who takes part each year. The list is public; the representative, the agreed contribution and
// whether it is settled are in academy_contributions, which RLS shows administrators only, so
// the same query returns them to an administrator and nothing of them to anyone else.

interface Row {
	id: string;
	year: number;
	organization_id: string;
	organizations: { name: string; slug: string; kind: string };
}

const toParticipant = (r: Row): Participant => ({
	id: r.id,
	year: r.year,
	organizationId: r.organization_id,
	name: r.organizations.name,
	slug: r.organizations.slug,
	kind: r.organizations.kind
});

function failed(error: { message: string }): never {
	throw new Error(`academy participants: ${error.message}`);
}

export async function forYear(db: Db, year: number): Promise<Participant[]> {
	const { data, error } = await db
		.from('academy_participants')
		.select('id, year, organization_id, organizations!inner(name, slug, kind)')
		.eq('year', year);
	if (error) failed(error);
	return (data as unknown as Row[])
		.map(toParticipant)
		.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

interface Contribution {
	participant_id: string;
	representative_name: string;
	representative_email: string | null;
	amount_sek: number;
	settled_at: string | null;
}

/** The year's participation record, for administrators. */
export async function records(db: Db, year: number): Promise<Participation[]> {
	const people = await forYear(db, year);
	const { data, error } = await db
		.from('academy_contributions')
		.select('*')
		.in(
			'participant_id',
			people.map((p) => p.id)
		);
	if (error) failed(error);
	const byId = new Map((data as Contribution[]).map((c) => [c.participant_id, c]));
	return people.map((p) => {
		const c = byId.get(p.id);
		return {
			...p,
			representativeName: c?.representative_name ?? null,
			representativeEmail: c?.representative_email ?? null,
			amountSek: c?.amount_sek ?? null,
			settledAt: c?.settled_at ?? null
		};
	});
}

export async function setSettled(
	db: Db,
	participantId: string,
	settled: boolean
): Promise<boolean> {
	const { data, error } = await db
		.from('academy_contributions')
		.update({ settled_at: settled ? new Date().toISOString() : null })
		.eq('participant_id', participantId)
		.select('participant_id');
	if (error?.code === '42501') return false;
	if (error) failed(error);
	return (data as unknown[]).length > 0;
}

/** Years that have a theme or participants, newest first, always including `current`. */
export function years(themes: { year: number }[], current: number): number[] {
	return [...new Set([current, current + 1, ...themes.map((t) => t.year)])].sort((a, b) => b - a);
}
