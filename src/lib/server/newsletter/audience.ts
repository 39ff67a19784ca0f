import type { Sql } from 'postgres';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import type { Audience, AudienceOptions } from '$lib/newsletter/types';

// Who an issue goes to (see 20261208400200_newsletter_audience.sql): every subscriber or a
// segment. The database resolves an audience (erfa_private.newsletter_audience); this module
// parses the send form's choice, counts an audience for the preview and lists the choices.

export const arrays = ['organization', 'county', 'goal', 'group'];

export const schema = z
	.object({
		audience: z.enum(['all', 'segment']).default('all'),
		public: z
			.literal('on')
			.optional()
			.transform((v) => v === 'on'),
		organization: z.array(z.uuid({ error: () => m.field_invalid() })).max(500),
		county: z.array(z.string().trim().min(1).max(80)).max(50),
		goal: z.array(z.coerce.number().int().min(1).max(17)).max(17),
		group: z.array(z.uuid({ error: () => m.field_invalid() })).max(500)
	})
	.transform((v): Audience => {
		if (v.audience === 'all') return { all: true };
		return {
			public: v.public,
			organizations: [...new Set(v.organization)],
			counties: [...new Set(v.county)],
			goals: [...new Set(v.goal)],
			groups: [...new Set(v.group)]
		};
	});

/** A segment that chooses nothing would send to nobody. */
export function isEmpty(audience: Audience): boolean {
	if (audience.all) return false;
	const { organizations, counties, goals, groups } = audience;
	return !audience.public && ![organizations, counties, goals, groups].some((l) => l.length);
}

/** How many subscribers the audience reaches now. */
export async function count(sql: Sql, audience: Audience): Promise<number> {
	const [row] = await sql`select count(*)::int as n
		from erfa_private.newsletter_audience(${sql.json(audience as never)})`;
	return row!.n as number;
}

/** The organizations (by county), goals and active groups to choose from. */
export async function options(sql: Sql, locale: 'sv' | 'en'): Promise<AudienceOptions> {
	const [organizations, goals, groups] = await Promise.all([
		sql`select o.id, o.name, coalesce(o.county, '') as county from public.organizations o
			order by o.county_code nulls last, o.county, o.name`,
		sql`select number, case when ${locale} = 'en' then name_en else name_sv end as name
			from public.sdg_goals order by number`,
		sql`select id, name from public.groups where status = 'active' order by name`
	]);
	const counties = new Map<string, { id: string; name: string }[]>();
	for (const o of organizations) {
		const list = counties.get(o.county) ?? [];
		list.push({ id: o.id, name: o.name });
		counties.set(o.county, list);
	}
	return {
		counties: [...counties].map(([county, list]) => ({ county, organizations: list })),
		goals: goals.map((g) => ({ number: g.number as number, name: g.name as string })),
		groups: groups.map((g) => ({ id: g.id as string, name: g.name as string }))
	};
}
