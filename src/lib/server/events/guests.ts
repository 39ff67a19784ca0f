import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { mailer } from '$lib/server/mail';
import { readConfig } from '$lib/server/platform';
import type { Attendance, RegistrationStatus } from '../../events/types.ts';
import { notify } from './notices.ts';
import type { Refusal } from './registrations.ts';

// Guests without an account (conferences reach beyond the members) register with double
// opt-in: a pending registration holds no place until the link mailed to the address is
// followed. A guest has no database role, so this module uses the privileged pool and the
// private functions of the guest migration, which apply the anonymous reading rule (public
// events only) and hand out places under the event's row lock like a member's registration.
// Only the token's hash is stored; a forged or replaced token names nothing.

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface GuestInput {
	name: string;
	email: string;
	organization: string;
	mode: Attendance;
	answers: Record<string, string>;
}

export type Requested = { ok: true } | { ok: false; reason: Refusal };

/** Records the pending registration and mails the confirmation link. */
export async function request(sql: Sql, eventId: string, input: GuestInput): Promise<Requested> {
	const token = randomBytes(32).toString('base64url');
	const [row] = await sql`select erfa_private.register_guest(${eventId}, ${input.name},
		${input.email}, ${input.organization}, ${input.mode}, ${sql.json(input.answers)},
		${hash(token)}) as result`;
	const result = row!.result as { ok: boolean; reason?: Refusal };
	if (!result.ok) return { ok: false, reason: result.reason ?? 'not_found' };
	// The later mails (place, waitlist, cancelled) go out in the language of this request.
	await sql`update public.event_registrations set guest_locale = ${getLocale()}
		where token_hash = ${hash(token)}`;
	const [event] = await sql`select title from public.events where id = ${eventId}`;
	const url = new URL(`/events/${eventId}/guest?token=${token}`, readConfig().origin).href;
	// The same link later shows where the guest stands and lets them cancel.
	const title = event!.title as string;
	await mailer.send({
		to: input.email,
		subject: m.meetings_guest_mail_subject({ title }),
		text: [
			m.meetings_guest_mail_body({ title }),
			`${m.meetings_guest_mail_action()}: ${url}`,
			m.meetings_guest_mail_keep(),
			m.meetings_guest_mail_ignore(),
			'– Erfa'
		].join('\n\n')
	});
	return { ok: true };
}

export interface GuestStatus {
	eventId: string;
	title: string;
	name: string;
	status: RegistrationStatus;
}

/** The registration a token names, or null for a malformed, forged or replaced one. */
export async function status(sql: Sql, token: string): Promise<GuestStatus | null> {
	if (!TOKEN.test(token)) return null;
	const [row] = await sql`select r.event_id, e.title, r.guest_name, r.status
		from public.event_registrations r join public.events e on e.id = r.event_id
		where r.token_hash = ${hash(token)}`;
	if (!row) return null;
	return {
		eventId: row.event_id as string,
		title: row.title as string,
		name: row.guest_name as string,
		status: row.status as RegistrationStatus
	};
}

export type Confirmed =
	| { ok: true; status: 'confirmed' | 'waitlisted'; position: number | null }
	| { ok: false; reason: 'unknown' | 'deadline_passed' };

/** Confirms the address: the registration takes a place or joins the waitlist (and is mailed). */
export async function confirm(sql: Sql, token: string): Promise<Confirmed> {
	if (!TOKEN.test(token)) return { ok: false, reason: 'unknown' };
	const [row] = await sql`select erfa_private.confirm_guest(${hash(token)}) as result`;
	const r = row!.result as {
		ok: boolean;
		reason?: 'unknown' | 'deadline_passed';
		fresh?: boolean;
		id?: string;
		status?: 'confirmed' | 'waitlisted';
		position?: number | null;
	};
	if (!r.ok) return { ok: false, reason: r.reason ?? 'unknown' };
	if (r.fresh) await notify(r.status!, [r.id!]);
	return { ok: true, status: r.status!, position: r.position ?? null };
}

/** Cancels by token; those moved up from the waitlist are mailed. */
export async function cancel(sql: Sql, token: string): Promise<boolean> {
	if (!TOKEN.test(token)) return false;
	const [row] = await sql`select erfa_private.cancel_guest(${hash(token)}) as result`;
	const r = row!.result as { ok: boolean; promoted?: string[] };
	if (r.ok) await notify('promoted', r.promoted ?? []);
	return r.ok;
}
