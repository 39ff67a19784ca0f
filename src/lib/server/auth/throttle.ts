import type { Sql } from 'postgres';

// Fixed-window counters in PostgreSQL: they survive restarts and are shared by every app
// process. One atomic upsert per hit, so concurrent requests cannot both slip under the limit.

export interface Limit {
	max: number;
	windowSeconds: number;
}

export const limits = {
	loginPerAccount: { max: 5, windowSeconds: 15 * 60 },
	loginPerAddress: { max: 30, windowSeconds: 15 * 60 },
	mailPerAddress: { max: 10, windowSeconds: 60 * 60 },
	registerPerAddress: { max: 20, windowSeconds: 60 * 60 },
	reportPerAddress: { max: 10, windowSeconds: 60 * 60 }
} satisfies Record<string, Limit>;

export interface Verdict {
	allowed: boolean;
	retryAfterSeconds: number;
}

/** Counts a hit against `key` and says whether it is still within the limit. */
export async function hit(sql: Sql, key: string, limit: Limit): Promise<Verdict> {
	const [row] = await sql`
		insert into erfa_private.throttle as t (key, hits, window_started_at)
		values (${key}, 1, now())
		on conflict (key) do update set
			hits = case when t.window_started_at < now() - make_interval(secs => ${limit.windowSeconds})
				then 1 else t.hits + 1 end,
			window_started_at = case when t.window_started_at < now() - make_interval(secs => ${limit.windowSeconds})
				then now() else t.window_started_at end
		returning hits, extract(epoch from (window_started_at + make_interval(secs => ${limit.windowSeconds}) - now()))::int as remaining`;
	return { allowed: row!.hits <= limit.max, retryAfterSeconds: Math.max(1, row!.remaining) };
}

/** Whether `key` is over its limit, without counting a hit. */
export async function blocked(sql: Sql, key: string, limit: Limit): Promise<Verdict> {
	const [row] = await sql`
		select hits, extract(epoch from (window_started_at + make_interval(secs => ${limit.windowSeconds}) - now()))::int as remaining
		from erfa_private.throttle where key = ${key}
			and window_started_at >= now() - make_interval(secs => ${limit.windowSeconds})`;
	if (!row || row.hits < limit.max) return { allowed: true, retryAfterSeconds: 0 };
	return { allowed: false, retryAfterSeconds: Math.max(1, row.remaining) };
}

export async function reset(sql: Sql, key: string): Promise<void> {
	await sql`delete from erfa_private.throttle where key = ${key}`;
}
