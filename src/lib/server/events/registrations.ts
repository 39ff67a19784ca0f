import { z } from 'zod';
import type { Db } from '$lib/server/platform';
import type {
	Attendance,
	MyRegistration,
	Participant,
	Places,
	RegistrationStatus
} from '../../events/types.ts';
export type { Attendance, MyRegistration, Participant, Places, RegistrationStatus };

// Registration in Erfa. Places are handed out by the database (public.register_for_event and
// public.cancel_event_registration lock the event's row), never counted here, so capacity
// holds however many register at once. Everything goes through the caller's client: the
// functions check who calls, RLS decides who reads the list.

export type Refusal =
	'not_allowed' | 'not_found' | 'closed' | 'deadline_passed' | 'wrong_mode' | 'already_registered';

export type Registered =
	| { ok: true; id: string; status: 'confirmed' | 'waitlisted'; position: number | null }
	| { ok: false; reason: Refusal };

function failed(error: { message: string }): never {
	throw new Error(`event_registrations: ${error.message}`);
}

export async function register(
	db: Db,
	eventId: string,
	mode: Attendance,
	answers: Record<string, string> = {}
): Promise<Registered> {
	const { data, error } = await db.rpc('register_for_event', {
		p_event: eventId,
		p_mode: mode,
		p_answers: answers
	});
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	const r = data as {
		ok: boolean;
		reason?: Refusal;
		id?: string;
		status?: string;
		position?: number;
	};
	if (!r.ok) return { ok: false, reason: r.reason ?? 'not_allowed' };
	return {
		ok: true,
		id: r.id!,
		status: r.status as 'confirmed' | 'waitlisted',
		position: r.position ?? null
	};
}

export type Cancelled = { ok: true; cancelled: boolean; promoted: string[] } | { ok: false };

/** Cancels a registration (its participant or an organizer); returns whether this call
 * cancelled it (false: it already was) and whom the waitlist moved up, so that they can be
 * told. */
export async function cancel(db: Db, registrationId: string): Promise<Cancelled> {
	if (!z.uuid().safeParse(registrationId).success) return { ok: false };
	const { data, error } = await db.rpc('cancel_event_registration', {
		p_registration: registrationId
	});
	if (error) failed(error);
	const r = data as { ok: boolean; cancelled?: boolean; promoted?: string[] };
	return r.ok ? { ok: true, cancelled: !!r.cancelled, promoted: r.promoted ?? [] } : { ok: false };
}

export async function places(db: Db, eventId: string): Promise<Places> {
	const { data, error } = await db.rpc('event_places', { p_event: eventId });
	if (error) failed(error);
	const p = (data ?? {}) as Record<string, number>;
	return {
		confirmed: p.confirmed ?? 0,
		onSite: p.on_site ?? 0,
		online: p.online ?? 0,
		waitlisted: p.waitlisted ?? 0
	};
}

type Row = Record<string, unknown>;
const columns =
	'id, status, mode, seq, attended, answers, created_at, guest_name, guest_email, ' +
	'guest_organization, person:profiles(name, organization:organizations(name))';

/** The caller's current registration for the event, if any. */
export async function mine(
	db: Db,
	userId: string,
	eventId: string
): Promise<MyRegistration | null> {
	const { data, error } = await db
		.from('event_registrations')
		.select('id, status, mode, seq')
		.eq('event_id', eventId)
		.eq('user_id', userId)
		.neq('status', 'cancelled')
		.maybeSingle();
	if (error) failed(error);
	if (!data) return null;
	const r = data as Row;
	const position = r.status === 'waitlisted' ? await waitPosition(db, eventId) : null;
	return {
		id: r.id as string,
		status: r.status as RegistrationStatus,
		mode: r.mode as Attendance,
		position
	};
}

// The caller may not read the others' rows, so the database counts who waits before them.
async function waitPosition(db: Db, eventId: string): Promise<number | null> {
	const { data, error } = await db.rpc('event_waitlist_position', { p_event: eventId });
	if (error) failed(error);
	return (data as number) || null;
}

const toParticipant = (
	r: Row,
	position: number | null,
	emails: Map<string, string>
): Participant => {
	const person = r.person as { name: string; organization: { name: string } | null } | null;
	return {
		id: r.id as string,
		name: person?.name ?? (r.guest_name as string),
		email: (r.guest_email as string | null) ?? emails.get(r.id as string) ?? null,
		organization: person?.organization?.name ?? (r.guest_organization as string | null),
		guest: !person,
		mode: r.mode as Attendance,
		status: r.status as RegistrationStatus,
		position,
		attended: r.attended as boolean,
		answers: (r.answers as Record<string, string>) ?? {},
		createdAt: r.created_at as string
	};
};

/** Everyone registered (not cancelled), confirmed first, then the waitlist in order. Empty for
 * anyone but the event's organizers (RLS). */
export async function participants(db: Db, eventId: string): Promise<Participant[]> {
	const { data, error } = await db
		.from('event_registrations')
		.select(columns)
		.eq('event_id', eventId)
		.neq('status', 'cancelled')
		.order('seq');
	if (error) failed(error);
	const rows = data as unknown as Row[];
	const emails = await memberEmails(db, eventId);
	let waiting = 0;
	const list = rows.map((r) =>
		toParticipant(r, r.status === 'waitlisted' ? ++waiting : null, emails)
	);
	const rank = { confirmed: 0, pending: 1, waitlisted: 2, cancelled: 3 } as const;
	return list.sort((a, b) => rank[a.status] - rank[b.status]);
}

// Members' addresses are not in profiles; the organizers' function returns them for their
// own events only.
async function memberEmails(db: Db, eventId: string): Promise<Map<string, string>> {
	const { data, error } = await db.rpc('event_participant_emails', { p_event: eventId });
	if (error) failed(error);
	return new Map((data as { id: string; email: string }[]).map((r) => [r.id, r.email]));
}

export async function markAttended(
	db: Db,
	eventId: string,
	registrationId: string,
	attended: boolean
): Promise<boolean> {
	const { data, error } = await db
		.from('event_registrations')
		.update({ attended })
		.eq('id', registrationId)
		.eq('event_id', eventId)
		.select('id');
	if (error?.code === '42501') return false;
	if (error) failed(error);
	return data.length > 0;
}
