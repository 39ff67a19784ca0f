import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Sql } from 'postgres';
import { readConfig } from '../platform/config.ts';

// One-click unsubscribe links in notification e-mail. The token is an HMAC-SHA256 of the
// person's id under the server's secret (SUPABASE_JWT_SECRET), so it needs no stored state,
// cannot be forged or pointed at someone else, and works without signing in: holding the
// e-mail is the authorization. A fixed prefix keeps these MACs apart from any other use of
// the same secret. The only thing a token can do is turn notification e-mail off.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ONE_CLICK_PATH = '/unsubscribe/one-click';

function secret(): string {
	const value = readConfig().SUPABASE_JWT_SECRET;
	if (!value) throw new Error('SUPABASE_JWT_SECRET is not set: unsubscribe links cannot be made.');
	return value;
}

function mac(userId: string): Buffer {
	return createHmac('sha256', secret()).update(`erfa-unsubscribe:${userId}`).digest();
}

export function tokenFor(userId: string): string {
	return `${userId}.${mac(userId).toString('base64url')}`;
}

/** The person a token was made for, or null for anything forged, altered or malformed. */
export function verify(token: string | null | undefined): string | null {
	if (!token || token.length > 200) return null;
	const [userId, given, extra] = token.split('.');
	if (!userId || !given || extra !== undefined || !UUID.test(userId)) return null;
	const expected = mac(userId);
	const actual = Buffer.from(given, 'base64url');
	return actual.length === expected.length && timingSafeEqual(actual, expected) ? userId : null;
}

/** The page with a confirm button (for people who click the link in the text). */
export function pageLink(userId: string): string {
	return new URL(`/unsubscribe?token=${tokenFor(userId)}`, readConfig().origin).href;
}

/** Where mail clients POST `List-Unsubscribe=One-Click` (RFC 8058). */
export function oneClickLink(userId: string): string {
	return new URL(`${ONE_CLICK_PATH}?token=${tokenFor(userId)}`, readConfig().origin).href;
}

/** The headers that let mail clients offer their own unsubscribe button. */
export function headers(userId: string): Record<string, string> {
	return {
		'List-Unsubscribe': `<${oneClickLink(userId)}>`,
		'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
	};
}

/**
 * Turns notification e-mail off for the token's owner. Privileged on purpose: the visitor
 * may not be signed in, and the token is the authorization. False for a bad token.
 */
export async function unsubscribe(sql: Sql, token: string | null | undefined): Promise<boolean> {
	const userId = verify(token);
	if (!userId) return false;
	const rows = await sql`update public.accounts set notify_email = 'off'
		where user_id = ${userId} returning user_id`;
	return rows.length > 0;
}

/** RFC 8058: the body of a one-click POST names the action, in either form encoding. */
export function isOneClickBody(body: string): boolean {
	return (
		/List-Unsubscribe=One-Click/i.test(body) || /name="List-Unsubscribe"\s+One-Click/i.test(body)
	);
}
