import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { itemKinds, type NewsletterItem } from '$lib/newsletter/types';
import { fields } from '$lib/server/forms';
import type { IssueInput } from './issues.ts';

// The compose form: subjects, the two introductions (HTML from the editor) and the candidate
// items as parallel lists in the order they stand on the page; `item_include` names the
// positions the editor kept.

export const arrays = ['item_kind', 'item_title', 'item_summary', 'item_url', 'item_include'];

const link = fields
	.string()
	.trim()
	.max(1000)
	.refine((v) => /^\/[^/\\]/.test(v) || /^https?:\/\/\S+$/.test(v), {
		error: () => m.field_invalid()
	});

export const schema = z.object({
	subject_sv: fields.text(200),
	subject_en: fields
		.string()
		.trim()
		.max(200, { error: () => m.field_too_long({ max: 200 }) }),
	intro_sv: fields.string().max(40_000, { error: () => m.field_too_long({ max: 40_000 }) }),
	intro_en: fields.string().max(40_000, { error: () => m.field_too_long({ max: 40_000 }) }),
	item_kind: z.array(z.enum(itemKinds)).max(80),
	item_title: z.array(fields.string().trim().max(200)).max(80),
	item_summary: z.array(fields.string().trim().max(600)).max(80),
	item_url: z.array(link).max(80),
	item_include: z.array(z.coerce.number().int().min(0).max(79)).max(80)
});

export type Parsed = z.output<typeof schema>;

/** The issue the form describes; items without a heading are left out. */
export function toInput(data: Parsed): IssueInput {
	const kept = new Set(data.item_include);
	const items: NewsletterItem[] = [];
	data.item_title.forEach((title, i) => {
		const kind = data.item_kind[i];
		const url = data.item_url[i];
		if (!kept.has(i) || !title || !kind || !url) return;
		items.push({ kind, title, summary: data.item_summary[i] ?? '', url });
	});
	return {
		subjectSv: data.subject_sv,
		subjectEn: data.subject_en,
		introSv: data.intro_sv,
		introEn: data.intro_en,
		items
	};
}
