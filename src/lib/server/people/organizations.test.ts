import { beforeAll, describe, expect, it } from 'vitest';
import * as organizations from './organizations.ts';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildUser, type BuiltUser } from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let member: BuiltUser;
let admin: BuiltUser;
let asMember: Db;
let asAdmin: Db;
let anon: Db;

beforeAll(async () => {
	member = await buildUser(db.sql, { name: 'Olle Ek', organizationSlug: 'filipstad' });
	admin = await buildUser(db.sql, { name: 'Maria Admin', role: 'admin', organizationSlug: null });
	await buildUser(db.sql, { name: 'Erik Berg', organizationSlug: 'ludvika' });
	await buildUser(db.sql, {
		name: 'Åsa Forskare',
		organizationSlug: 'ludvika',
		role: 'researcher'
	});
	await buildUser(db.sql, { name: 'Borta Person', organizationSlug: 'ludvika', deactivated: true });
	asMember = await forUser(db.rest, member.id);
	asAdmin = await forUser(db.rest, admin.id);
	anon = anonymous(db.rest);
});

describe('organizations.list', () => {
	it('groups the 26 member municipalities and regions by county, with their codes', async () => {
		const directory = await organizations.list(anon);
		expect(directory.counties.map((c) => [c.countyCode, c.county])).toEqual([
			['17', 'Värmlands län'],
			['18', 'Örebro län'],
			['19', 'Västmanlands län'],
			['20', 'Dalarnas län'],
			['21', 'Gävleborgs län']
		]);
		const members = directory.counties.flatMap((c) => c.organizations);
		expect(members).toHaveLength(26);
		expect(members.filter((o) => o.kind === 'kommun')).toHaveLength(23);
		expect(members.filter((o) => o.kind === 'region')).toHaveLength(3);
		for (const group of directory.counties) {
			for (const o of group.organizations) {
				expect(o.countyCode).toBe(group.countyCode);
				if (o.kind === 'kommun') expect(o.municipalityCode).toMatch(/^\d{4}$/);
				if (o.kind === 'kommun') expect(o.municipalityCode!.slice(0, 2)).toBe(group.countyCode);
			}
		}
		const dalarna = directory.counties.find((c) => c.countyCode === '20')!;
		const ludvika = dalarna.organizations.find((o) => o.slug === 'ludvika');
		expect(ludvika).toMatchObject({ municipalityCode: '2085', bergslagsakademin: true });
		expect(members.filter((o) => o.bergslagsakademin)).toHaveLength(10);
	});

	it('lists the universities and the association apart from the members', async () => {
		const directory = await organizations.list(anon);
		expect(directory.universities.map((o) => o.slug)).toContain('orebro-universitet');
		expect(directory.universities).toHaveLength(5);
		expect(directory.others.map((o) => o.slug)).toEqual(['intresseforeningen-bergslaget']);
		expect(directory.all).toHaveLength(32);
	});
});

describe('organizations.bySlug', () => {
	it('finds an organization and answers null for an unknown slug', async () => {
		const avesta = await organizations.bySlug(anon, 'avesta');
		expect(avesta).toMatchObject({ name: 'Avesta kommun', kind: 'kommun', countyCode: '20' });
		expect(await organizations.bySlug(anon, 'no-such-place')).toBeNull();
	});
});

describe('organizations.people', () => {
	it('shows the active people to a signed-in member, by name', async () => {
		const ludvika = (await organizations.bySlug(anon, 'ludvika'))!;
		const people = await organizations.people(asMember, ludvika.id);
		expect(people.map((p) => [p.name, p.role])).toEqual([
			['Erik Berg', 'member'],
			['Åsa Forskare', 'researcher']
		]);
	});

	it('shows nobody to anonymous visitors', async () => {
		const ludvika = (await organizations.bySlug(anon, 'ludvika'))!;
		expect(await organizations.people(anon, ludvika.id)).toEqual([]);
	});

	it('counts active people per organization for members only', async () => {
		const ludvika = (await organizations.bySlug(anon, 'ludvika'))!;
		const counts = await organizations.peopleCounts(asMember);
		expect(counts[ludvika.id]).toBe(2);
		expect(await organizations.peopleCounts(anon)).toEqual({});
	});
});

describe('organizations.create', () => {
	const input: organizations.NewOrganization = {
		slug: 'bergslagens-energikontor',
		name: 'Bergslagens energikontor',
		kind: 'other',
		county: 'Örebro län',
		countyCode: '18',
		municipalityCode: null,
		website: 'https://energikontor.example'
	};
	const stored = (name: string) =>
		db.sql`select slug, kind, county_code, is_member from public.organizations where name = ${name}`;

	it('lets an administrator add an organization', async () => {
		const result = await organizations.create(asAdmin, input);
		expect(result).toMatchObject({ ok: true, organization: { slug: input.slug } });
		expect(await stored(input.name)).toEqual([
			{ slug: input.slug, kind: 'other', county_code: '18', is_member: false }
		]);
	});

	it('refuses a slug that is taken and stores nothing', async () => {
		const result = await organizations.create(asAdmin, {
			...input,
			slug: 'avesta',
			name: 'Avesta energi'
		});
		expect(result).toEqual({ ok: false, reason: 'slug_taken' });
		expect(await stored('Avesta energi')).toEqual([]);
		const [avesta] = await db.sql`select name from public.organizations where slug = 'avesta'`;
		expect(avesta!.name).toBe('Avesta kommun');
	});

	it('refuses members and anonymous callers', async () => {
		const mine = { ...input, slug: 'olles-forening', name: 'Olles förening' };
		expect(await organizations.create(asMember, mine)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await organizations.create(anon, mine)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await stored('Olles förening')).toEqual([]);
	});
});
