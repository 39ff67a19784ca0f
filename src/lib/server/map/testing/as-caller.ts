import type { Sql } from 'postgres';
import { expect } from 'vitest';

// The map's maintained counts against reading the tables (erfa.knowledge_map_live), for each
// kind of caller: what the map tests of documents and research share.

type Row = Record<string, unknown>;

/** A map function as the caller would run it through PostgREST: role, claims, RLS. */
export async function mapAs(sql: Sql, userId: string | null, fn: string): Promise<string[]> {
	return sql.begin(async (tx) => {
		if (userId) {
			const claims = JSON.stringify({ sub: userId, role: 'authenticated' });
			await tx`select set_config('request.jwt.claims', ${claims}, true)`;
			await tx`set local role authenticated`;
		} else await tx`set local role anon`;
		const rows = await tx.unsafe<Row[]>(`select * from ${fn}() order by 1, 2`);
		return rows.map((r) => JSON.stringify(r));
	});
}

/** Each caller's map (user id, or null signed out) equals what reading the tables says. */
export async function expectSameAsLive(
	sql: Sql,
	callers: Record<string, string | null>
): Promise<void> {
	for (const [name, id] of Object.entries(callers)) {
		const counted = await mapAs(sql, id, 'public.knowledge_map');
		expect(counted, name).toEqual(await mapAs(sql, id, 'erfa.knowledge_map_live'));
	}
}
