import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fields } from '$lib/server/forms';
import { themeLimits as limits } from '$lib/server/groups';
import { slugify } from '$lib/text/slug';
import { longText, sdgGoals } from '../../groups/group-form';

// What the theme forms accept, with messages in the request's language.

const year = z
	.string({ error: () => m.field_required() })
	.trim()
	.regex(/^\d{4}$/, { error: () => m.themes_year_invalid() })
	.transform(Number)
	.pipe(
		z
			.number()
			.min(2000, { error: () => m.themes_year_invalid() })
			.max(2100, { error: () => m.themes_year_invalid() })
	);

export const themeSchema = z
	.object({
		name: fields
			.text(limits.name)
			.refine((v) => v.length >= 2, { error: () => m.themes_name_too_short() }),
		slug: z
			.string()
			.default('')
			.transform((v) => v.trim().toLowerCase())
			.pipe(z.string().max(limits.slug, { error: () => m.themes_slug_invalid() })),
		description: longText(limits.description),
		start_year: year,
		end_year: z
			.string()
			.default('')
			.transform((v) => v.trim())
			.pipe(z.union([z.literal(''), year]))
			.transform((v) => (v === '' ? null : v)),
		sdg: sdgGoals
	})
	.refine((t) => t.end_year === null || t.end_year >= t.start_year, {
		error: () => m.themes_end_before_start(),
		path: ['end_year']
	});

export type ThemeForm = z.output<typeof themeSchema>;

/** The slug to use: the one typed, or one made from the name; null when it is not valid. */
export function themeSlug(input: { slug: string; name: string }): string | null {
	const slug = input.slug || slugify(input.name);
	return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) ? slug : null;
}

export const toInput = (d: ThemeForm, slug: string) => ({
	slug,
	name: d.name,
	description: d.description,
	startYear: d.start_year,
	endYear: d.end_year,
	sdgGoals: d.sdg
});
