import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fields } from '$lib/server/forms';
import { kinds, type Event, type EventInput } from './events.ts';
import { fromLocalInput, toLocalInput } from './time.ts';

// The event form (new and edit). Dates come from datetime-local inputs, which carry no zone:
// they are read as Swedish time (./time.ts), whatever zone the server runs in.

export const arrays = ['sdg'];

const optional = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.field_too_long({ max }) })
		.default('');

const when = z
	.string({ error: () => m.field_required() })
	.trim()
	.min(1, { error: () => m.field_required() })
	.transform((v, ctx) => {
		const instant = fromLocalInput(v);
		if (!instant) ctx.addIssue({ code: 'custom', message: m.events_date_invalid() });
		return instant ?? new Date(0);
	});

/** An https address, or nothing. */
const httpsUrl = optional(1000).transform((v, ctx) => {
	if (!v) return null;
	try {
		const url = new URL(v);
		if (url.protocol === 'https:' && !/\s/.test(v)) return url.href;
	} catch {
		// reported below
	}
	ctx.addIssue({ code: 'custom', message: m.events_url_invalid() });
	return null;
});

const reference = optional(40).pipe(z.union([z.literal(''), z.uuid()]));

export const schema = z
	.object({
		title: fields.text(200).refine((v) => v.length >= 3, { error: () => m.events_title_short() }),
		description: optional(10000),
		kind: z.enum(kinds, { error: () => m.events_kind_invalid() }),
		starts_at: when,
		ends_at: when,
		location: fields.optionalText(300),
		online_url: httpsUrl,
		registration_url: httpsUrl,
		organization: reference,
		group: reference,
		sdg: z.array(z.string().regex(/^(?:[1-9]|1[0-7])$/)).max(17),
		visibility: z.enum(['public', 'members']).catch('public')
	})
	.superRefine((v, ctx) => {
		if (v.ends_at < v.starts_at) {
			ctx.addIssue({ code: 'custom', path: ['ends_at'], message: m.events_ends_before_start() });
		}
	});

export function toInput(data: z.output<typeof schema>): EventInput {
	return {
		title: data.title,
		description: data.description,
		kind: data.kind,
		startsAt: data.starts_at,
		endsAt: data.ends_at,
		location: data.location,
		onlineUrl: data.online_url,
		registrationUrl: data.registration_url,
		organizationId: data.organization || null,
		groupId: data.group || null,
		sdgGoals: [...new Set(data.sdg.map(Number))].sort((a, b) => a - b),
		visibility: data.visibility
	};
}

/** The form's fields filled from a saved event (edit) or empty (new). */
export function toValues(e: Event | null, groupId = ''): Record<string, string | string[]> {
	return {
		title: e?.title ?? '',
		description: e?.description ?? '',
		kind: e?.kind ?? 'seminar',
		starts_at: e ? toLocalInput(e.startsAt) : '',
		ends_at: e ? toLocalInput(e.endsAt) : '',
		location: e?.location ?? '',
		online_url: e?.onlineUrl ?? '',
		registration_url: e?.registrationUrl ?? '',
		organization: e?.organizationId ?? '',
		group: e?.groupId ?? groupId,
		sdg: (e?.sdgGoals ?? []).map(String),
		visibility: e?.visibility ?? 'public'
	};
}
