import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { encodeBase32LowerCaseNoPadding, encodeBase32NoPadding } from '@oslojs/encoding';
import type { Sql } from 'postgres';
import { decryptBytes as decrypt, encrypt } from '../platform/encryption.ts';
import * as backoff from './backoff.ts';
import * as throttle from './throttle.ts';
import { hashToken } from './tokens.ts';

// TOTP (RFC 6238, 30-second steps, 6 digits, SHA-1: what every authenticator app reads) with
// single-use recovery codes. The secret is encrypted at rest and leaves the server only once,
// as the QR code and text shown while enrolling; recovery codes are shown once and kept only
// as hashes. Neither is ever logged or reachable through REST (erfa_private, no grants).

const PERIOD = 30;
const DIGITS = 6;
const RECOVERY_CODES = 10;
/** Wrong codes wait as wrong passwords do (backoff), and all checks are capped per person. */
const perUserLimit: throttle.Limit = { max: 30, windowSeconds: 15 * 60 };

export interface Status {
	enabled: boolean;
	recoveryRemaining: number;
	/** Administrators must enrol unless exempted (the demo accounts). */
	required: boolean;
}

export async function status(sql: Sql, userId: string): Promise<Status> {
	const [row] = await sql`select
		(select enabled_at is not null from erfa_private.totp where user_id = p.id) as enabled,
		(select count(*)::int from erfa_private.recovery_codes where user_id = p.id and used_at is null) as remaining,
		p.role = 'admin' and not exists (select 1 from erfa_private.two_factor_exemptions e where e.user_id = p.id) as policy
		from public.profiles p where p.id = ${userId}`;
	return {
		enabled: Boolean(row?.enabled),
		recoveryRemaining: row?.remaining ?? 0,
		required: Boolean(row?.policy)
	};
}

export async function isEnabled(sql: Sql, userId: string): Promise<boolean> {
	const rows = await sql`select 1 from erfa_private.totp
		where user_id = ${userId} and enabled_at is not null`;
	return rows.length > 0;
}

/** True for an administrator who has neither enrolled nor been exempted. */
export async function mustEnrol(sql: Sql, userId: string): Promise<boolean> {
	const rows = await sql`select 1 from public.profiles p where p.id = ${userId} and p.role = 'admin'
		and not exists (select 1 from erfa_private.totp t where t.user_id = p.id and t.enabled_at is not null)
		and not exists (select 1 from erfa_private.two_factor_exemptions e where e.user_id = p.id)`;
	return rows.length > 0;
}

export interface Enrolment {
	/** Base32, grouped for typing by hand. */
	secret: string;
	/** The otpauth:// URI as a QR code (an SVG data URL, allowed by the CSP's img-src). */
	qr: string;
}

/** Starts (or continues) enrolling: the same secret until it is confirmed with a code. */
export async function beginEnrolment(sql: Sql, userId: string): Promise<Enrolment | null> {
	const [existing] = await sql`select t.secret_encrypted, t.enabled_at, a.email
		from public.accounts a left join erfa_private.totp t on t.user_id = a.user_id
		where a.user_id = ${userId}`;
	if (!existing || existing.enabled_at) return null;
	let key: Uint8Array;
	if (existing.secret_encrypted) key = decrypt(existing.secret_encrypted, userId);
	else {
		key = crypto.getRandomValues(new Uint8Array(20));
		// Two tabs opening the page at once: the first secret stored wins, and both show it.
		const [stored] = await sql`insert into erfa_private.totp (user_id, secret_encrypted)
			values (${userId}, ${encrypt(key, userId)})
			on conflict (user_id) do update set user_id = excluded.user_id
			returning secret_encrypted`;
		key = decrypt(stored!.secret_encrypted, userId);
	}
	const uri = createTOTPKeyURI('Erfa', existing.email, key, PERIOD, DIGITS);
	// Loaded when someone sets up two-factor, not at start-up (issue 17).
	const { default: QRCode } = await import('qrcode');
	const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	return {
		secret: encodeBase32NoPadding(key)
			.match(/.{1,4}/g)!
			.join(' '),
		qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
	};
}

/** The step a code matches (now, or one step either side for clock drift), or null. */
function matchingStep(key: Uint8Array, code: string, now: number): bigint | null {
	const current = BigInt(Math.floor(now / 1000 / PERIOD));
	for (const step of [current, current - 1n, current + 1n]) {
		if (verifyHOTP(key, step, DIGITS, code)) return step;
	}
	return null;
}

/** Accepts a TOTP code once: its step must be later than the last one accepted. */
async function acceptCode(sql: Sql, userId: string, code: string, enabled: boolean) {
	const [row] = await sql`select secret_encrypted, last_step from erfa_private.totp
		where user_id = ${userId} and (enabled_at is not null) = ${enabled}`;
	if (!row || !/^\d{6}$/.test(code)) return false;
	const step = matchingStep(decrypt(row.secret_encrypted, userId), code, Date.now());
	if (step === null) return false;
	const claimed = await sql`update erfa_private.totp set last_step = ${step.toString()}
		where user_id = ${userId} and last_step < ${step.toString()} returning 1`;
	return claimed.length > 0;
}

function newRecoveryCode(): string {
	const raw = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(7))).slice(
		0,
		10
	);
	return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z2-7]/g, '');

async function replaceRecoveryCodes(sql: Sql, userId: string): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
	const rows = codes.map((c) => ({ user_id: userId, code_hash: hashToken(normalizeRecovery(c)) }));
	await sql.begin(async (tx) => {
		await tx`delete from erfa_private.recovery_codes where user_id = ${userId}`;
		await tx`insert into erfa_private.recovery_codes ${tx(rows, 'user_id', 'code_hash')}`;
	});
	return codes;
}

/** Confirms enrolment with a first code; returns the recovery codes to show once. */
export async function confirmEnrolment(sql: Sql, userId: string, code: string) {
	if (!(await acceptCode(sql, userId, code.replace(/\s/g, ''), false))) return null;
	await sql`update erfa_private.totp set enabled_at = now() where user_id = ${userId}`;
	return replaceRecoveryCodes(sql, userId);
}

export async function regenerateRecoveryCodes(sql: Sql, userId: string) {
	return (await isEnabled(sql, userId)) ? replaceRecoveryCodes(sql, userId) : null;
}

export async function disable(sql: Sql, userId: string): Promise<void> {
	await sql.begin(async (tx) => {
		await tx`delete from erfa_private.totp where user_id = ${userId}`;
		await tx`delete from erfa_private.recovery_codes where user_id = ${userId}`;
	});
}

async function useRecoveryCode(sql: Sql, userId: string, code: string): Promise<boolean> {
	const normalized = normalizeRecovery(code);
	if (normalized.length !== 10) return false;
	const used = await sql`update erfa_private.recovery_codes set used_at = now()
		where user_id = ${userId} and code_hash = ${hashToken(normalized)} and used_at is null
		returning 1`;
	return used.length > 0;
}

export type Checked =
	| { kind: 'ok'; recovery: boolean }
	| { kind: 'invalid' }
	| { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a code from the app or a recovery code. Guesses are counted per (person, network)
 * with growing waits, and capped per person from all networks together.
 */
export async function check(sql: Sql, userId: string, code: string, ip: string): Promise<Checked> {
	const verdict = await throttle.hitAll(sql, [throttle.perUser('totp', userId, perUserLimit)]);
	if (!verdict.allowed) return { kind: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
	const subject = `totp:${userId}`;
	const claimed = await backoff.attempt(sql, subject, ip);
	if (!claimed.allowed) return { kind: 'throttled', retryAfterSeconds: claimed.retryAfterSeconds };
	const digits = code.replace(/\s/g, '');
	let recovery = false;
	let ok = /^\d{6}$/.test(digits) && (await acceptCode(sql, userId, digits, true));
	if (!ok && (await isEnabled(sql, userId)))
		ok = recovery = await useRecoveryCode(sql, userId, code);
	if (!ok) return { kind: 'invalid' };
	await backoff.succeeded(sql, subject, ip);
	return { kind: 'ok', recovery };
}
