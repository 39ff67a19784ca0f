import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fields } from '$lib/server/forms';
import { kinds, modes, type Event, type EventInput } from './events.ts';
import { fromLocalInput, toLocalInput } from './time.ts';

// The event form (new and edit). Dates come from datetime-local inputs, which carry no zone:
// they are read as Swedish time (./time.ts), whatever zone the server runs in.

export const arrays = ['sdg', 'groups'];

/** A number of places: empty for no limit, otherwise a whole number of at least one. */
const places = z
	.string()
	.trim()
	.max(7, { error: () => m.meetings_capacity_invalid() })
	.default('')
	.transform((v, ctx) => {
		if (v === '') return null;
		const n = Number(v);
		if (Number.isInteger(n) && n >= 1 && n <= 100000) return n;
		ctx.addIssue({ code: 'custom', message: m.meetings_capacity_invalid() });
		return null;
	});

const optionalWhen = z
	.string()
	.trim()
	.max(40)
	.default('')
	.transform((v, ctx) => {
		if (v === '') return null;
		const instant = fromLocalInput(v);
		if (!instant) ctx.addIssue({ code: 'custom', message: m.events_date_invalid() });
		return instant;
	});

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
		mode: z.enum(modes).catch('on_site'),
		address: fields.optionalText(300),
		theme: reference,
		registration_open: z
			.string()
			.optional()
			.transform((v) => v === 'on'),
		capacity: places,
		capacity_on_site: places,
		capacity_online: places,
		registration_deadline: optionalWhen,
		starts_at: when,
		ends_at: when,
		location: fields.optionalText(300),
		online_url: httpsUrl,
		registration_url: httpsUrl,
		organization: reference,
		group: reference,
		// Further groups behind the event (checkboxes); checked against the offered ones later.
		groups: z.array(z.uuid()).max(100).catch([]),
		sdg: z.array(z.string().regex(/^(?:[1-9]|1[0-7])$/)).max(17),
		visibility: z.enum(['public', 'members']).catch('public')
	})
	.superRefine((v, ctx) => {
		if (v.ends_at < v.starts_at) {
			ctx.addIssue({ code: 'custom', path: ['ends_at'], message: m.events_ends_before_start() });
		}
		if (v.registration_deadline && v.registration_deadline > v.ends_at) {
			const message = m.meetings_deadline_after_end();
			ctx.addIssue({ code: 'custom', path: ['registration_deadline'], message });
		}
		if (v.mode === 'online' && v.capacity_on_site) {
			ctx.addIssue({
				code: 'custom',
				path: ['capacity_on_site'],
				message: m.meetings_capacity_mode()
			});
		}
		if (v.mode === 'on_site' && v.capacity_online) {
			ctx.addIssue({
				code: 'custom',
				path: ['capacity_online'],
				message: m.meetings_capacity_mode()
			});
		}
	});

export function toInput(data: z.output<typeof schema>): EventInput {
	return {
		title: data.title,
		description: data.description,
		kind: data.kind,
		mode: data.mode,
		startsAt: data.starts_at,
		endsAt: data.ends_at,
		location: data.location,
		address: data.address,
		onlineUrl: data.mode === 'on_site' ? null : data.online_url,
		themeId: data.theme || null,
		registration: {
			open: data.registration_open,
			capacity: data.capacity,
			capacityOnSite: data.capacity_on_site,
			capacityOnline: data.capacity_online,
			deadline: data.registration_deadline
		},
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
		mode: e?.mode ?? 'on_site',
		starts_at: e ? toLocalInput(e.startsAt) : '',
		ends_at: e ? toLocalInput(e.endsAt) : '',
		location: e?.location ?? '',
		address: e?.address ?? '',
		theme: e?.themeId ?? '',
		registration_open: e?.registration.open ? 'on' : '',
		capacity: e?.registration.capacity?.toString() ?? '',
		capacity_on_site: e?.registration.capacityOnSite?.toString() ?? '',
		capacity_online: e?.registration.capacityOnline?.toString() ?? '',
		registration_deadline: e?.registration.deadline ? toLocalInput(e.registration.deadline) : '',
		online_url: e?.onlineUrl ?? '',
		registration_url: e?.registrationUrl ?? '',
		organization: e?.organizationId ?? '',
		group: e?.groupId ?? groupId,
		groups: (e?.groups ?? []).map((g) => g.id),
		sdg: (e?.sdgGoals ?? []).map(String),
		visibility: e?.visibility ?? 'public'
	};
}
