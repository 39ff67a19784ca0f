import type { Db } from '$lib/server/platform';

// The association's members as the home page counts them (municipalities, regions, counties).
// The list is public and changes a few times a year, so one read serves every page for a
// minute instead of one read per page (issue 17).

export interface Membership {
	total: number;
	kommuner: number;
	regioner: number;
	counties: string[];
}

const keepMs = 60_000;
let kept: { at: number; value: Promise<Membership> } | null = null;

async function read(db: Db): Promise<Membership> {
	const { data, error } = await db
		.from('organizations')
		.select('kind, county')
		.eq('is_member', true);
	if (error) throw new Error(`organizations: ${error.message}`);
	const rows = data as { kind: string; county: string | null }[];
	const counties = [...new Set(rows.map((r) => r.county).filter((c): c is string => !!c))];
	return {
		total: rows.length,
		kommuner: rows.filter((r) => r.kind === 'kommun').length,
		regioner: rows.filter((r) => r.kind === 'region').length,
		counties: counties.sort(new Intl.Collator('sv').compare)
	};
}

export function membership(db: Db, now = Date.now()): Promise<Membership> {
	if (kept && now - kept.at < keepMs) return kept.value;
	const value = read(db).catch((error: unknown) => {
		// A failure is not kept: the next page asks again.
		if (kept?.value === value) kept = null;
		throw error;
	});
	kept = { at: now, value };
	return value;
}
