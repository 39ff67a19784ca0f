import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fields } from '$lib/server/forms';
import { limits, VISIBILITIES } from '$lib/server/groups';
import { slugify } from '$lib/text/slug';

// What the group forms (proposal and settings) accept, with messages in the request's language.

// Browsers send a textarea's line breaks as CRLF; count them as the one character typed.
export const longText = (max: number) =>
	z
		.string()
		.default('')
		.transform((v) => v.replace(/\r\n?/g, '\n').trim())
		.pipe(z.string().max(max, { error: () => m.field_too_long({ max }) }));

export const sdgGoals = z
	.array(z.string().regex(/^(?:[1-9]|1[0-7])$/, { error: () => m.groups_sdg_invalid() }))
	.transform((goals) => [...new Set(goals.map(Number))]);

export const groupFields = z.object({
	name: fields
		.text(limits.name)
		.refine((v) => v.length >= 2, { error: () => m.groups_name_too_short() }),
	description: longText(limits.description),
	theme: z
		.union([z.literal(''), z.uuid()], { error: () => m.groups_theme_unknown() })
		.default('')
		.transform((v) => v || null),
	sdg: sdgGoals,
	visibility: z.enum(VISIBILITIES, { error: () => m.groups_visibility_invalid() })
});

export const proposal = groupFields.extend({
	slug: z
		.string()
		.default('')
		.transform((v) => v.trim().toLowerCase())
		.pipe(z.string().max(limits.slug, { error: () => m.groups_slug_invalid() }))
});

/** The slug to use: the one typed, or one made from the name; null when it is not valid. */
export function slugFor(input: { slug: string; name: string }): string | null {
	const slug = input.slug || slugify(input.name);
	return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) ? slug : null;
}
