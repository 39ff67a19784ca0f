import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fields } from '$lib/server/forms';
import type { Session } from '../../events/types.ts';
import type { SessionInput, SpeakerInput } from './programme.ts';
import { fromLocalInput, toLocalInput } from './time.ts';

// The session form (programme item). Times are Swedish local time like the event's; up to
// SPEAKER_ROWS speakers, each an Erfa person or a named guest with title and organization. A
// person is found by name (`speaker_search_<i>`, a combobox); the chosen one's id comes in
// `speaker_person_<i>`, or, without JavaScript, the typed name is looked up (resolvePeople).

export const SPEAKER_ROWS = 4;

const when = z
	.string()
	.trim()
	.max(40)
	.default('')
	.transform((v, ctx) => {
		const instant = v ? fromLocalInput(v) : null;
		if (!instant) ctx.addIssue({ code: 'custom', message: m.events_date_invalid() });
		return instant ?? new Date(0);
	});

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.field_too_long({ max }) })
		.default('');

const speakerFields = Object.fromEntries(
	Array.from({ length: SPEAKER_ROWS }, (_, i) => [
		[`speaker_person_${i}`, z.union([z.literal(''), z.uuid()]).catch('')],
		[`speaker_search_${i}`, text(120)],
		[`speaker_name_${i}`, text(120)],
		[`speaker_title_${i}`, text(200)],
		[`speaker_org_${i}`, text(200)]
	]).flat()
) as Record<string, z.ZodType<string>>;

export const sessionSchema = z
	.object({
		kind: z.enum(['session', 'break']).catch('session'),
		title: fields.text(200),
		description: text(5000),
		starts_at: when,
		ends_at: when,
		room: text(100),
		track: text(100),
		...speakerFields
	})
	.superRefine((v, ctx) => {
		if (v.ends_at <= v.starts_at) {
			ctx.addIssue({
				code: 'custom',
				path: ['ends_at'],
				message: m.meetings_session_ends_before()
			});
		}
	});

type Parsed = z.output<typeof sessionSchema> & Record<string, string>;

export function toSessionInput(data: z.output<typeof sessionSchema>): SessionInput {
	const d = data as Parsed;
	const speakers: SpeakerInput[] = [];
	for (let i = 0; i < SPEAKER_ROWS; i++) {
		const profileId = d[`speaker_person_${i}`] || null;
		const name = d[`speaker_name_${i}`] || null;
		if (!profileId && !name) continue;
		speakers.push({
			profileId,
			name,
			title: d[`speaker_title_${i}`] ?? '',
			organization: d[`speaker_org_${i}`] ?? ''
		});
	}
	return {
		kind: d.kind,
		title: d.title,
		description: d.description,
		startsAt: d.starts_at,
		endsAt: d.ends_at,
		room: d.room,
		track: d.track,
		speakers: d.kind === 'break' ? [] : speakers
	};
}

/** The form filled from a saved session, or for a new one starting when the event starts. */
export function sessionValues(s: Session | null, defaultStart: string): Record<string, string> {
	const values: Record<string, string> = {
		kind: s?.kind ?? 'session',
		title: s?.title ?? '',
		description: s?.description ?? '',
		starts_at: toLocalInput(s?.startsAt ?? defaultStart),
		ends_at: s ? toLocalInput(s.endsAt) : '',
		room: s?.room ?? '',
		track: s?.track ?? ''
	};
	s?.speakers.slice(0, SPEAKER_ROWS).forEach((p, i) => {
		values[`speaker_person_${i}`] = p.personId ?? '';
		values[`speaker_search_${i}`] = p.personId ? p.name : '';
		values[`speaker_name_${i}`] = p.personId ? '' : p.name;
		values[`speaker_title_${i}`] = p.title;
		values[`speaker_org_${i}`] = p.personId ? '' : p.organization;
	});
	return values;
}

/** Rows where a name was typed in the person search but no one chosen (no JavaScript, or
 * typed past the suggestions): the one active member of exactly that name is taken. Returns
 * the first row whose name matches nobody or several people, or null when all are settled. */
export async function resolvePeople(
	form: FormData,
	find: (name: string) => Promise<{ id: string }[]>
): Promise<{ row: number; name: string } | null> {
	for (let i = 0; i < SPEAKER_ROWS; i++) {
		const typed = String(form.get(`speaker_search_${i}`) ?? '').trim();
		if (!typed || form.get(`speaker_person_${i}`)) continue;
		const found = await find(typed);
		if (found.length !== 1) return { row: i, name: typed };
		form.set(`speaker_person_${i}`, found[0]!.id);
	}
	return null;
}
