import { z } from 'zod';
import type { Db } from '$lib/server/platform';
import type { Session, SessionFile, Speaker } from '../../events/types.ts';
export type { Session, SessionFile, Speaker };

// The programme of an event: sessions and breaks with their speakers and documentation. Read
// and written through the caller's client; RLS makes it as readable as the event and writable
// by its organizers. The database refuses two sessions in one room at once (an exclusion
// constraint) and sessions outside the event's time; this module names the one in the way.

type Row = Record<string, unknown>;
const columns =
	'id, kind, title, description, starts_at, ends_at, room, track, summary, recording_url, ' +
	'speakers:event_session_speakers(position, profile_id, name, title, organization), ' +
	'files:event_session_files(id, filename, media_type, size_bytes, created_at)';

function failed(error: { message: string }): never {
	throw new Error(`event_sessions: ${error.message}`);
}

const toSpeaker = (r: Row): Speaker => ({
	personId: r.profile_id as string | null,
	name: r.name as string,
	title: r.title as string,
	organization: r.organization as string
});

const toFile = (r: Row): SessionFile => ({
	id: r.id as string,
	filename: r.filename as string,
	mediaType: r.media_type as string,
	sizeBytes: r.size_bytes as number
});

function toSession(r: Row): Session {
	const speakers = ((r.speakers as Row[]) ?? []).sort(
		(a, b) => (a.position as number) - (b.position as number)
	);
	return {
		id: r.id as string,
		kind: r.kind as Session['kind'],
		title: r.title as string,
		description: r.description as string,
		startsAt: r.starts_at as string,
		endsAt: r.ends_at as string,
		room: r.room as string,
		track: r.track as string,
		summary: r.summary as string,
		recordingUrl: r.recording_url as string | null,
		speakers: speakers.map(toSpeaker),
		files: ((r.files as Row[]) ?? []).map(toFile)
	};
}

/** The event's sessions in time order (by room within the same time). */
export async function list(db: Db, eventId: string): Promise<Session[]> {
	const { data, error } = await db
		.from('event_sessions')
		.select(columns)
		.eq('event_id', eventId)
		.order('starts_at')
		.order('room');
	if (error) failed(error);
	return (data as unknown as Row[]).map(toSession);
}

export async function get(db: Db, eventId: string, id: string): Promise<Session | null> {
	if (!z.uuid().safeParse(id).success) return null;
	const { data, error } = await db
		.from('event_sessions')
		.select(columns)
		.eq('event_id', eventId)
		.eq('id', id)
		.maybeSingle();
	if (error) failed(error);
	return data ? toSession(data as unknown as Row) : null;
}

export interface SpeakerInput {
	profileId: string | null;
	name: string | null;
	title: string;
	organization: string;
}

export interface SessionInput {
	kind: Session['kind'];
	title: string;
	description: string;
	startsAt: Date;
	endsAt: Date;
	room: string;
	track: string;
	speakers: SpeakerInput[];
}

export type Saved =
	| { ok: true; id: string }
	| { ok: false; reason: 'not_allowed' | 'outside_event' }
	| { ok: false; reason: 'room_taken'; other: { title: string; startsAt: string; endsAt: string } };

/** Saves a session with its speakers (new when `id` is null); nothing is kept when refused. */
export async function save(
	db: Db,
	eventId: string,
	id: string | null,
	input: SessionInput
): Promise<Saved> {
	const { data, error } = await db.rpc('save_event_session', {
		p_event: eventId,
		p_session: id,
		p_data: {
			kind: input.kind,
			title: input.title,
			description: input.description,
			starts_at: input.startsAt.toISOString(),
			ends_at: input.endsAt.toISOString(),
			room: input.room,
			track: input.track
		},
		p_speakers: input.speakers.map((s) => ({
			profile_id: s.profileId,
			name: s.name,
			title: s.title,
			organization: s.organization
		}))
	});
	if (error?.code === '23P01') return roomTaken(db, eventId, id, input);
	if (error?.code === '23514' && error.message.includes('outside')) {
		return { ok: false, reason: 'outside_event' };
	}
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	return data ? { ok: true, id: data as string } : { ok: false, reason: 'not_allowed' };
}

// The session already in the room at that time, to name it in the message.
async function roomTaken(db: Db, eventId: string, id: string | null, input: SessionInput) {
	let query = db
		.from('event_sessions')
		.select('title, starts_at, ends_at')
		.eq('event_id', eventId)
		.eq('room', input.room)
		.lt('starts_at', input.endsAt.toISOString())
		.gt('ends_at', input.startsAt.toISOString())
		.limit(1);
	if (id) query = query.neq('id', id);
	const { data, error } = await query;
	if (error) failed(error);
	const other = (data as Row[])[0] ?? { title: '', starts_at: '', ends_at: '' };
	return {
		ok: false as const,
		reason: 'room_taken' as const,
		other: {
			title: other.title as string,
			startsAt: other.starts_at as string,
			endsAt: other.ends_at as string
		}
	};
}

export async function remove(db: Db, eventId: string, id: string): Promise<boolean> {
	if (!z.uuid().safeParse(id).success) return false;
	const { data, error } = await db
		.from('event_sessions')
		.delete()
		.eq('event_id', eventId)
		.eq('id', id)
		.select('id');
	if (error) failed(error);
	return data.length > 0;
}

/** The documentation written after the day: a summary (Markdown) and a recording link. */
export async function document(
	db: Db,
	eventId: string,
	id: string,
	doc: { summary: string; recordingUrl: string | null }
): Promise<boolean> {
	const { data, error } = await db
		.from('event_sessions')
		.update({ summary: doc.summary, recording_url: doc.recordingUrl })
		.eq('event_id', eventId)
		.eq('id', id)
		.select('id');
	if (error?.code === '42501') return false;
	if (error) failed(error);
	return data.length > 0;
}

export interface SpeakerHit {
	id: string;
	name: string;
	organization: string | null;
}

// A LIKE pattern matches its wildcards literally only when they are escaped.
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Active members whose name contains `query` (or equals it, with `exact`), by name; for the
 * speaker search of the session form. Nothing for fewer than two characters. */
export async function findSpeakers(
	db: Db,
	query: string,
	{ limit = 8, exact = false } = {}
): Promise<SpeakerHit[]> {
	const q = query.trim().slice(0, 120);
	if (q.length < 2) return [];
	const pattern = exact ? likeLiteral(q) : `%${likeLiteral(q)}%`;
	const { data, error } = await db
		.from('profiles')
		.select('id, name, organization:organizations(name)')
		.is('deactivated_at', null)
		.ilike('name', pattern)
		.order('name')
		.order('id')
		.limit(limit);
	if (error) failed(error);
	return (
		data as unknown as { id: string; name: string; organization: { name: string } | null }[]
	).map((r) => ({ id: r.id, name: r.name, organization: r.organization?.name ?? null }));
}
