import { isIPv4, isIPv6 } from 'node:net';
import type { Sql } from 'postgres';

// Fixed-window counters in PostgreSQL: they survive restarts and are shared by every app
// process. One atomic upsert per hit, so concurrent requests cannot both slip under the limit.
// Wrong passwords are not counted here but in ./backoff.ts (growing waits per account and
// address); these windows cap work and mail per network, per person and per recipient.

export interface Limit {
	max: number;
	windowSeconds: number;
}

const HOUR = 60 * 60;
const QUARTER = 15 * 60;

export const limits = {
	/** Failed logins from one network, whatever the accounts: a ceiling against password
	 * spraying, far above what an office behind one address produces. It never blocks
	 * another network, so it cannot lock an owner out. */
	loginPerIp: { max: 100, windowSeconds: QUARTER },
	registerPerIp: { max: 20, windowSeconds: HOUR },
	/** Mail anyone can make Erfa send (reset links), from one network. */
	mailPerIp: { max: 20, windowSeconds: HOUR },
	/** Mail to one address asked from one network: stops one sender quickly … */
	mailPerRecipientAndIp: { max: 3, windowSeconds: HOUR },
	/** … and mail to one address from anywhere caps bombing from many networks. */
	mailPerRecipient: { max: 10, windowSeconds: HOUR },
	/** Mail a signed-in person makes Erfa send about their own account. */
	mailPerUser: { max: 10, windowSeconds: HOUR },
	/** Group invitations one person sends (coordinators invite a whole office at once). */
	invitePerUser: { max: 50, windowSeconds: HOUR },
	invitePerIp: { max: 100, windowSeconds: HOUR },
	/** Password hashing (argon2, ~19 MiB each) asked outside the login form, per network. */
	passwordWorkPerIp: { max: 30, windowSeconds: QUARTER },
	/** Re-entered passwords on the profile page, per person, from every network together. */
	passwordWorkPerUser: { max: 30, windowSeconds: HOUR },
	reportPerAddress: { max: 10, windowSeconds: HOUR }
} satisfies Record<string, Limit>;

export interface Verdict {
	allowed: boolean;
	retryAfterSeconds: number;
}

export interface Check {
	key: string;
	limit: Limit;
}

/**
 * The part of a client address that throttling counts by. An IPv6 client usually holds a
 * whole /64, so counting single addresses would give it billions of fresh budgets.
 */
export function network(ip: string): string {
	const address = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
	if (isIPv4(address) || !isIPv6(address)) return address;
	const [head = '', tail = ''] = address.toLowerCase().split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
		: left;
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
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
		returning hits, ceil(extract(epoch from (window_started_at + make_interval(secs => ${limit.windowSeconds}) - now())))::int as remaining`;
	return { allowed: row!.hits <= limit.max, retryAfterSeconds: Math.max(1, row!.remaining) };
}

/**
 * Counts a hit against each check in turn and stops at the first one over its limit, so a
 * caller already refused by the first (say, its network) uses up nothing of the later ones
 * (say, a recipient's budget that the owner also needs).
 */
export async function hitAll(sql: Sql, checks: Check[]): Promise<Verdict> {
	for (const { key, limit } of checks) {
		const verdict = await hit(sql, key, limit);
		if (!verdict.allowed) return verdict;
	}
	return { allowed: true, retryAfterSeconds: 0 };
}

/** Whether `key` is over its limit, without counting a hit. */
export async function blocked(sql: Sql, key: string, limit: Limit): Promise<Verdict> {
	const [row] = await sql`
		select hits, ceil(extract(epoch from (window_started_at + make_interval(secs => ${limit.windowSeconds}) - now())))::int as remaining
		from erfa_private.throttle where key = ${key}
			and window_started_at >= now() - make_interval(secs => ${limit.windowSeconds})`;
	if (!row || row.hits < limit.max) return { allowed: true, retryAfterSeconds: 0 };
	return { allowed: false, retryAfterSeconds: Math.max(1, row.remaining) };
}

export async function reset(sql: Sql, key: string): Promise<void> {
	await sql`delete from erfa_private.throttle where key = ${key}`;
}

/** Budgets for mail to `email`: per (recipient, network) first, then per recipient. */
export function recipient(email: string, ip: string): Check[] {
	const address = email.trim().toLowerCase();
	return [
		{ key: `mail:to:${address}:ip:${network(ip)}`, limit: limits.mailPerRecipientAndIp },
		{ key: `mail:to:${address}`, limit: limits.mailPerRecipient }
	];
}

/** A budget per network, named by what it counts. */
export function perIp(name: string, ip: string, limit: Limit): Check {
	return { key: `${name}:ip:${network(ip)}`, limit };
}

/** A budget per person, named by what it counts. */
export function perUser(name: string, userId: string, limit: Limit): Check {
	return { key: `${name}:user:${userId}`, limit };
}
