import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fields } from '$lib/server/forms';

// The forms of Bergslagsakademin's pages.

const year = z.coerce
	.number({ error: () => m.field_invalid() })
	.int({ error: () => m.field_invalid() })
	.min(2000, { error: () => m.field_invalid() })
	.max(2100, { error: () => m.field_invalid() });

const longText = (max: number) =>
	fields
		.string()
		.trim()
		.max(max, { error: () => m.field_too_long({ max }) });

export const apply = z.object({
	year,
	representative_name: fields.text(120),
	representative_email: fields.email(),
	message: longText(2000)
});

export const interest = z.object({
	name: fields.text(120),
	organization: fields.text(160),
	kind: z.enum(['company', 'university', 'other'], { error: () => m.academy_kind_required() }),
	email: fields.email(),
	message: longText(2000)
});

export const theme = z.object({
	year,
	title_sv: fields.text(200),
	title_en: longText(200),
	description_sv: longText(4000),
	description_en: longText(4000),
	decided_on: fields
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.field_invalid() })
		.refine((v) => !Number.isNaN(Date.parse(v)), { error: () => m.field_invalid() }),
	decided_by: fields.text(200)
});

export const approve = z.object({
	id: z.uuid({ error: () => m.field_invalid() }),
	amount: z.coerce
		.number({ error: () => m.field_invalid() })
		.int({ error: () => m.field_invalid() })
		.min(0, { error: () => m.field_invalid() })
		.max(10_000_000, { error: () => m.field_invalid() })
});

export const decide = z.object({ id: z.uuid({ error: () => m.field_invalid() }) });

export const settle = z.object({
	id: z.uuid({ error: () => m.field_invalid() }),
	settled: z.enum(['yes', 'no'])
});
