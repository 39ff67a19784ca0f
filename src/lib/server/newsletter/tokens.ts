import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readConfig } from '../platform/config.ts';

// Links in newsletter mail. Unsubscribing: an HMAC-SHA256 of the subscriber's id under the
// server's secret, so it needs no stored state, cannot be forged or pointed at someone else,
// and works without signing in (holding the mail is the authorization). The prefix keeps these
// MACs apart from the notification unsubscribe links made with the same secret. Confirming a
// subscription (double opt-in) uses a random single-use token of which only the hash is stored.
// Plain Node: the one-click handler in front of SvelteKit imports this file.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ONE_CLICK_PATH = '/newsletter/unsubscribe/one-click';

function secret(): string {
	const value = readConfig().SUPABASE_JWT_SECRET;
	if (!value) throw new Error('SUPABASE_JWT_SECRET is not set: unsubscribe links cannot be made.');
	return value;
}

function mac(subscriberId: string): Buffer {
	return createHmac('sha256', secret()).update(`erfa-newsletter:${subscriberId}`).digest();
}

export function unsubscribeToken(subscriberId: string): string {
	return `${subscriberId}.${mac(subscriberId).toString('base64url')}`;
}

/** The subscriber a token was made for, or null for anything forged, altered or malformed. */
export function verifyUnsubscribe(token: string | null | undefined): string | null {
	if (!token || token.length > 200) return null;
	const [id, given, extra] = token.split('.');
	if (!id || !given || extra !== undefined || !UUID.test(id)) return null;
	const expected = mac(id);
	const actual = Buffer.from(given, 'base64url');
	return actual.length === expected.length && timingSafeEqual(actual, expected) ? id : null;
}

function absolute(path: string): string {
	return new URL(path, readConfig().origin).href;
}

/** The page with a confirm button, for people who click the link in the mail. */
export function unsubscribePage(subscriberId: string): string {
	return absolute(`/newsletter/unsubscribe?token=${unsubscribeToken(subscriberId)}`);
}

/** RFC 2369 and RFC 8058 headers: mail clients offer their own unsubscribe button. */
export function listHeaders(subscriberId: string): Record<string, string> {
	const oneClick = absolute(`${ONE_CLICK_PATH}?token=${unsubscribeToken(subscriberId)}`);
	return {
		'List-Unsubscribe': `<${oneClick}>`,
		'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
		'List-Id': 'Erfa newsletter <newsletter.erfa.bergslaget.nu>'
	};
}

export function newConfirmToken(): { token: string; hash: string } {
	const token = randomBytes(32).toString('base64url');
	return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function confirmLink(token: string): string {
	return absolute(`/newsletter/confirm?token=${encodeURIComponent(token)}`);
}
