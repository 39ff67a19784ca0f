import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { limits } from '$lib/server/experiences';
import { fields } from '$lib/server/forms';

// The experience form, with messages in the request's language. The domain module checks the
// same rules again; this gives each field its own clear message.

// Browsers send a textarea's line breaks as CRLF; count them as the one character typed.
const longText = (max: number) =>
	z
		.string()
		.default('')
		.transform((v) => v.replace(/\r\n?/g, '\n').trim())
		.pipe(z.string().max(max, { error: () => m.field_too_long({ max }) }));

// A month input sends "2024-03"; browsers without one let people type, so a full date is
// accepted too. Stored as a date: the first of the month.
const month = z
	.string()
	.default('')
	.transform((v) => v.trim())
	.refine((v) => v === '' || /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/.test(v), {
		error: () => m.experiences_month_invalid()
	})
	.transform((v) => (v ? `${v.slice(0, 7)}-01` : null));

export const intents = ['draft', 'publish', 'save'] as const;

export const experienceForm = z
	.object({
		title: fields
			.text(limits.title)
			.refine((v) => v.length >= limits.titleMin, { error: () => m.experiences_title_short() }),
		summary: longText(limits.summary),
		background: longText(limits.long),
		actions: longText(limits.long),
		results: longText(limits.long),
		lessons: longText(limits.long),
		contact_person: fields.optionalText(limits.contactPerson),
		organization: z
			.union([z.literal(''), z.uuid()], { error: () => m.field_invalid() })
			.default('')
			.transform((v) => v || null),
		period_start: month,
		period_end: month,
		sdg: z
			.array(z.string().regex(/^(?:[1-9]|1[0-7])$/, { error: () => m.experiences_sdg_invalid() }))
			.transform((goals) => [...new Set(goals.map(Number))]),
		targets: z.array(
			z.string().regex(/^(?:[1-9]|1[0-7])\.(?:[1-9][0-9]?|[a-z])$/, {
				error: () => m.experiences_targets_invalid()
			})
		),
		remove_attachment: z.array(z.uuid({ error: () => m.field_invalid() })),
		shared: z
			.literal('on')
			.optional()
			.transform((v) => v === 'on'),
		intent: z.enum(intents).default('draft')
	})
	.refine((v) => !v.period_start || !v.period_end || v.period_end >= v.period_start, {
		path: ['period_end'],
		error: () => m.experiences_period_order()
	})
	// A published report needs something to read besides its title.
	.refine((v) => v.intent === 'draft' || v.summary !== '', {
		path: ['summary'],
		error: () => m.experiences_summary_required()
	});

export const arrays = ['sdg', 'targets', 'remove_attachment'];

export type ExperienceForm = z.output<typeof experienceForm>;
