import type { Sql } from 'postgres';
import * as throttle from '../auth/throttle.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import * as mail from '../mail/templates.ts';
import type { Client } from '../platform/request.ts';
import { refused, type Throttled } from '../people/refused.ts';
import { complete, pendingRow, type Linked } from './link.ts';

// A pending link to an account without a password, proved with a one-time link mailed to the
// account's address. The link works only with the flow's own cookie, so only in the browser
// that signed in at the provider (a mail scanner or someone the mail was forwarded to who opens
// it elsewhere links nothing), and only while the flow lasts (15 minutes). Each mail replaces
// the previous link; sending is throttled like any mail Erfa sends on request.

export type Mailed = { kind: 'sent' | 'expired' | 'has_password' } | Throttled;

export async function sendLink(
	sql: Sql,
	token: string | undefined,
	client: Pick<Client, 'ip'>
): Promise<Mailed> {
	const row = token ? await pendingRow(sql, token) : null;
	if (!row || !token) return { kind: 'expired' };
	if (row.has_password) return { kind: 'has_password' };
	const verdict = await throttle.hitAll(sql, [
		throttle.perIp('mail', client.ip, throttle.limits.mailPerIp),
		...throttle.recipient(row.email, client.ip)
	]);
	if (!verdict.allowed) return refused(verdict);
	const proof = generateToken();
	const [stored] = await sql`update erfa_private.sso_flows
		set proof_hash = ${hashToken(proof)}, proof_sent_at = now()
		where id = ${hashToken(token)} and kind = 'link' and expires_at > now() returning id`;
	if (!stored) return { kind: 'expired' };
	await mail.linkAccount(
		sql,
		row.email,
		proof,
		{ organization: row.organization_name },
		row.locale
	);
	return { kind: 'sent' };
}

/**
 * Links the account when `proof` is the newest link mailed for the flow in this browser.
 * `wrong_link` for any other link (an older one, one of another flow, a made-up one).
 */
export async function confirmByMail(
	sql: Sql,
	token: string | undefined,
	proof: string,
	client: Pick<Client, 'userAgent'>
): Promise<Linked | { kind: 'wrong_link' }> {
	const row = token ? await pendingRow(sql, token) : null;
	if (!row || !token) return { kind: 'expired' };
	if (!row.proof_hash || row.proof_hash !== hashToken(proof)) return { kind: 'wrong_link' };
	return complete(sql, token, row, client);
}
