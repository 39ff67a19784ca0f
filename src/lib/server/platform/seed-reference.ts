import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import { z } from 'zod';
import { slugify } from '../../text/slug.ts';
import { projectRoot } from './root.ts';

// Reference data every Erfa has: the association's members, the region's universities and the
// Agenda 2030 goals and targets. Upserted at every start, so corrections in the files land.

const referenceDir = join(projectRoot(), 'supabase/reference');

const members = z.object({
	members: z.array(
		z.object({
			name: z.string(),
			kind: z.enum(['kommun', 'region']),
			county: z.string(),
			countyCode: z.string(),
			municipalityCode: z.string().nullable(),
			scbName: z.string().nullable(),
			bergslagsakademin2019: z.boolean()
		})
	)
});
const goals = z.object({
	goals: z.array(
		z.object({
			number: z.number(),
			code: z.string(),
			nameEn: z.string(),
			titleEn: z.string(),
			nameSv: z.string(),
			titleSv: z.string().nullable(),
			titleSvUnverified: z.string().optional(),
			sourcesSv: z.array(z.string()),
			colorHex: z.string()
		})
	)
});
const targets = z.object({
	targets: z.array(z.object({ id: z.string(), goal: z.number(), textEn: z.string() }))
});

async function load<T>(file: string, schema: z.ZodType<T>): Promise<T> {
	return schema.parse(JSON.parse(await readFile(join(referenceDir, file), 'utf8')));
}

type Organization = {
	slug: string;
	name: string;
	kind: string;
	county: string | null;
	county_code: string | null;
	municipality_code: string | null;
	is_member: boolean;
	bergslagsakademin: boolean;
	website: string | null;
};

const universityList = [
	['Örebro universitet', 'Örebro län', '18', 'https://www.oru.se'],
	['Högskolan Dalarna', 'Dalarnas län', '20', 'https://www.du.se'],
	['Karlstads universitet', 'Värmlands län', '17', 'https://www.kau.se'],
	['Mälardalens universitet', 'Västmanlands län', '19', 'https://www.mdu.se'],
	['Högskolan i Gävle', 'Gävleborgs län', '21', 'https://www.hig.se']
] as const;

const universities: Organization[] = universityList.map(([name, county, code, website]) => ({
	slug: slugify(name),
	name,
	kind: 'university',
	county,
	county_code: code,
	municipality_code: null,
	is_member: false,
	bergslagsakademin: false,
	website
}));

const association: Organization = {
	slug: 'intresseforeningen-bergslaget',
	name: 'Intresseföreningen Bergslaget',
	kind: 'association',
	county: null,
	county_code: null,
	municipality_code: null,
	is_member: false,
	bergslagsakademin: false,
	website: 'https://www.bergslaget.nu'
};

export async function seedReference(sql: Sql): Promise<void> {
	const [m, g, t] = await Promise.all([
		load('bergslaget-members.json', members),
		load('sdg-goals.json', goals),
		load('sdg-targets.json', targets)
	]);
	const organizations: Organization[] = m.members
		.map((o): Organization => ({
			// Municipalities by their SCB name ("avesta"), regions by full name ("region-orebro-lan").
			slug: slugify(o.kind === 'kommun' && o.scbName ? o.scbName : o.name),
			name: o.name,
			kind: o.kind,
			county: o.county,
			county_code: o.countyCode,
			municipality_code: o.municipalityCode,
			is_member: true,
			bergslagsakademin: o.bergslagsakademin2019,
			website: null
		}))
		.concat(universities, [association]);
	const goalRows = g.goals.map((x) => ({
		number: x.number,
		code: x.code,
		name_sv: x.nameSv,
		name_en: x.nameEn,
		title_sv: x.titleSv,
		title_sv_unverified: x.titleSvUnverified ?? null,
		title_en: x.titleEn,
		color_hex: x.colorHex,
		sources_sv: x.sourcesSv
	}));
	const position = new Map<number, number>();
	const targetRows = t.targets.map((x) => {
		const n = (position.get(x.goal) ?? 0) + 1;
		position.set(x.goal, n);
		return { id: x.id, goal: x.goal, position: n, text_en: x.textEn };
	});
	await sql.begin(async (tx) => {
		await tx`insert into public.organizations ${tx(organizations)}
			on conflict (slug) do update set name = excluded.name, kind = excluded.kind,
				county = excluded.county, county_code = excluded.county_code,
				municipality_code = excluded.municipality_code, is_member = excluded.is_member,
				bergslagsakademin = excluded.bergslagsakademin,
				website = coalesce(public.organizations.website, excluded.website)`;
		await tx`insert into public.sdg_goals ${tx(goalRows)}
			on conflict (number) do update set code = excluded.code, name_sv = excluded.name_sv,
				name_en = excluded.name_en, title_sv = excluded.title_sv,
				title_sv_unverified = excluded.title_sv_unverified, title_en = excluded.title_en,
				color_hex = excluded.color_hex, sources_sv = excluded.sources_sv`;
		await tx`insert into public.sdg_targets ${tx(targetRows)}
			on conflict (id) do update set goal = excluded.goal, position = excluded.position,
				text_en = excluded.text_en`;
	});
}
