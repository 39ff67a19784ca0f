import type { Sql } from 'postgres';
import { generateToken, hashToken } from './tokens.ts';

export type Purpose = 'verify' | 'reset' | 'email_change';

const lifetimeMinutes: Record<Purpose, number> = {
	verify: 48 * 60,
	reset: 60,
	email_change: 24 * 60
};

/** A new single-use link token; earlier ones for the same purpose stop working. */
export async function issue(
	sql: Sql,
	userId: string,
	purpose: Purpose,
	newEmail?: string
): Promise<string> {
	const token = generateToken();
	await sql.begin(async (tx) => {
		await tx`delete from erfa_private.email_tokens where user_id = ${userId} and purpose = ${purpose}`;
		await tx`insert into erfa_private.email_tokens (id, user_id, purpose, new_email, expires_at)
			values (${hashToken(token)}, ${userId}, ${purpose}, ${newEmail ?? null},
				now() + make_interval(mins => ${lifetimeMinutes[purpose]}))`;
	});
	return token;
}

export interface Claimed {
	userId: string;
	purpose: Purpose;
	newEmail: string | null;
}

/** Uses a token up (atomically: two clicks cannot both succeed). */
export async function consume(
	sql: Sql,
	token: string,
	purposes: Purpose[]
): Promise<Claimed | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const [row] = await sql`delete from erfa_private.email_tokens
		where id = ${hashToken(token)} and purpose in ${sql(purposes)} and expires_at > now()
		returning user_id, purpose, new_email`;
	return row ? { userId: row.user_id, purpose: row.purpose, newEmail: row.new_email } : null;
}

export async function peek(sql: Sql, token: string, purpose: Purpose): Promise<boolean> {
	if (!/^[a-z2-7]{32}$/.test(token)) return false;
	const rows = await sql`select 1 from erfa_private.email_tokens
		where id = ${hashToken(token)} and purpose = ${purpose} and expires_at > now()`;
	return rows.length > 0;
}
