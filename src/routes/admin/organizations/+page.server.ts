import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import { fields, parse, values } from '$lib/server/forms';
import { organizations } from '$lib/server/people';
import { slugify } from '$lib/text/slug';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	admin.requireAdmin(event);
	const directory = await organizations.list(event.locals.supabase);
	return {
		title: m.admin_org_title(),
		organizations: directory.all,
		kinds: organizations.KINDS,
		counties: organizations.COUNTIES
	};
};

const isWebAddress = (v: string) => {
	if (!/^https?:\/\/\S+$/.test(v)) return false;
	return URL.canParse(v) && new URL(v).hostname.includes('.');
};

const schema = z
	.object({
		name: fields
			.text(160)
			.refine((v) => v.length >= 2, { error: () => m.admin_org_name_too_short() }),
		slug: z
			.string()
			.trim()
			.toLowerCase()
			.max(80, { error: () => m.admin_org_slug_invalid() }),
		kind: z.enum(organizations.KINDS, { error: () => m.admin_org_kind_invalid() }),
		county: z
			.string()
			.default('')
			.refine((v) => v === '' || organizations.COUNTIES.some((c) => c.code === v), {
				error: () => m.field_invalid()
			}),
		municipality_code: z
			.string()
			.trim()
			.regex(/^(\d{4})?$/, { error: () => m.admin_org_code_invalid() }),
		website: z
			.string()
			.trim()
			.max(300, { error: () => m.field_too_long({ max: 300 }) })
			.refine((v) => v === '' || isWebAddress(v), { error: () => m.field_url_invalid() })
	})
	.refine((d) => !d.municipality_code || d.municipality_code.startsWith(d.county), {
		error: () => m.admin_org_code_county_mismatch(),
		path: ['municipality_code']
	});

type Input = z.output<typeof schema>;

function toNew(d: Input, slug: string): organizations.NewOrganization {
	const county = organizations.COUNTIES.find((c) => c.code === d.county);
	return {
		slug,
		name: d.name,
		kind: d.kind,
		county: county?.name ?? null,
		countyCode: county?.code ?? null,
		municipalityCode: d.municipality_code || null,
		website: d.website || null
	};
}

export const actions: Actions = {
	default: async (event) => {
		admin.requireAdmin(event);
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		// An empty slug means "make one from the name"; it is echoed so it can be edited.
		const slug = parsed.data.slug || slugify(parsed.data.name);
		const slugError = (message: string) =>
			fail(400, { values: { ...values(form), slug }, errors: { slug: message } });
		if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return slugError(m.admin_org_slug_invalid());
		const result = await organizations.create(event.locals.supabase, toNew(parsed.data, slug));
		if (!result.ok && result.reason === 'slug_taken') {
			return slugError(m.admin_org_slug_taken({ slug }));
		}
		if (!result.ok) error(403, 'Forbidden');
		return { created: { name: result.organization.name, slug: result.organization.slug } };
	}
};
