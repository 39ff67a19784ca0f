import type { Sql } from 'postgres';
import { type RestTarget, restFetch } from './supabase.ts';

export interface Health {
	ok: boolean;
	failing: ('database' | 'rest')[];
}

/** Whether the database and the REST API answer, each within two seconds. */
export async function check(sql: Sql, target: RestTarget): Promise<Health> {
	const timeout = <T>(p: Promise<T>) =>
		Promise.race([
			p,
			new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))
		]);
	const [database, rest] = await Promise.all([
		timeout(sql`select 1`).then(
			() => true,
			() => false
		),
		timeout(
			restFetch(target)(`${target.url}/rest/v1/sdg_goals?select=number&limit=1`, {
				headers: { apikey: target.anonKey, authorization: `Bearer ${target.anonKey}` }
			})
		).then(
			(r) => r.ok,
			() => false
		)
	]);
	const failing = [...(database ? [] : ['database' as const]), ...(rest ? [] : ['rest' as const])];
	return { ok: failing.length === 0, failing };
}
