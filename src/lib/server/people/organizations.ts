import type { Db } from '$lib/server/platform';

// The organizations in the network: member municipalities and regions, the region's
// universities and others that administrators add. Everything goes through the caller's
// supabase client, so row-level security decides: anyone may read organizations, only signed-in
// members see the people in them, only administrators add organizations.

import { KINDS, type OrganizationKind } from '../../organizations/kinds.ts';
import type { Role, Organization } from '../../people/types.ts';
export type { Role, Organization };

export { KINDS, type OrganizationKind };

export interface CountyGroup {
	county: string;
	countyCode: string | null;
	organizations: Organization[];
}

export interface Directory {
	/** Every organization by name, e.g. for a choice list. */
	all: Organization[];
	/** Member municipalities and regions by county (länskod order), regions first. */
	counties: CountyGroup[];
	universities: Organization[];
	/** The association and whatever administrators added. */
	others: Organization[];
}

export interface Person {
	id: string;
	name: string;
	title: string | null;
	role: Role;
}

export interface NewOrganization {
	slug: string;
	name: string;
	kind: OrganizationKind;
	county: string | null;
	countyCode: string | null;
	municipalityCode: string | null;
	website: string | null;
}

export type Created =
	{ ok: true; organization: Organization } | { ok: false; reason: 'slug_taken' | 'forbidden' };

/** Sweden's counties (län) with their SCB codes. */
export const COUNTIES: readonly { code: string; name: string }[] = [
	['01', 'Stockholms län'],
	['03', 'Uppsala län'],
	['04', 'Södermanlands län'],
	['05', 'Östergötlands län'],
	['06', 'Jönköpings län'],
	['07', 'Kronobergs län'],
	['08', 'Kalmar län'],
	['09', 'Gotlands län'],
	['10', 'Blekinge län'],
	['12', 'Skåne län'],
	['13', 'Hallands län'],
	['14', 'Västra Götalands län'],
	['17', 'Värmlands län'],
	['18', 'Örebro län'],
	['19', 'Västmanlands län'],
	['20', 'Dalarnas län'],
	['21', 'Gävleborgs län'],
	['22', 'Västernorrlands län'],
	['23', 'Jämtlands län'],
	['24', 'Västerbottens län'],
	['25', 'Norrbottens län']
].map(([code, name]) => ({ code: code!, name: name! }));

const COLUMNS =
	'id, slug, name, kind, county, county_code, municipality_code, is_member, bergslagsakademin, website';

interface Row {
	id: string;
	slug: string;
	name: string;
	kind: OrganizationKind;
	county: string | null;
	county_code: string | null;
	municipality_code: string | null;
	is_member: boolean;
	bergslagsakademin: boolean;
	website: string | null;
}

function fromRow(r: Row): Organization {
	return {
		id: r.id,
		slug: r.slug,
		name: r.name,
		kind: r.kind,
		county: r.county,
		countyCode: r.county_code,
		municipalityCode: r.municipality_code,
		isMember: r.is_member,
		bergslagsakademin: r.bergslagsakademin,
		website: r.website
	};
}

function failed(what: string, error: { code?: string; message: string }): never {
	throw new Error(`${what}: ${error.message} (${error.code ?? 'no code'})`);
}

const collator = () => new Intl.Collator('sv');

/** Sorts into the directory's sections; the input order does not matter. */
export function group(all: Organization[]): Directory {
	const byName = [...all].sort((a, b) => collator().compare(a.name, b.name));
	const counties = new Map<string, CountyGroup>();
	for (const o of byName.filter((x) => x.isMember)) {
		const county = o.county ?? '';
		let g = counties.get(county);
		if (!g) counties.set(county, (g = { county, countyCode: o.countyCode, organizations: [] }));
		g.organizations.push(o);
	}
	for (const g of counties.values()) {
		g.organizations.sort((a, b) => Number(b.kind === 'region') - Number(a.kind === 'region'));
	}
	return {
		all: byName,
		counties: [...counties.values()].sort((a, b) =>
			(a.countyCode ?? '99').localeCompare(b.countyCode ?? '99')
		),
		universities: byName.filter((o) => !o.isMember && o.kind === 'university'),
		others: byName.filter((o) => !o.isMember && o.kind !== 'university')
	};
}

export async function list(db: Db): Promise<Directory> {
	const { data, error } = await db.from('organizations').select(COLUMNS);
	if (error) failed('organizations.list', error);
	return group((data as Row[]).map(fromRow));
}

export async function bySlug(db: Db, slug: string): Promise<Organization | null> {
	const { data, error } = await db
		.from('organizations')
		.select(COLUMNS)
		.eq('slug', slug)
		.maybeSingle();
	if (error) failed('organizations.bySlug', error);
	return data ? fromRow(data as Row) : null;
}

/**
 * The active people of an organization, by name. Anonymous callers get an empty list: people
 * are not public, and row-level security gives them nothing.
 */
export async function people(db: Db, organizationId: string): Promise<Person[]> {
	const { data, error } = await db
		.from('profiles')
		.select('id, name, title, role')
		.eq('organization_id', organizationId)
		.is('deactivated_at', null)
		.order('name');
	if (error?.code === '42501') return [];
	if (error) failed('organizations.people', error);
	return (data as Person[]).sort((a, b) => collator().compare(a.name, b.name));
}

/** Active people per organization id, for signed-in callers (anonymous ones get no counts). */
export async function peopleCounts(db: Db): Promise<Record<string, number>> {
	const { data, error } = await db
		.from('organizations')
		.select('id, profiles(count)')
		.is('profiles.deactivated_at', null);
	if (error?.code === '42501') return {};
	if (error) failed('organizations.peopleCounts', error);
	const counts: Record<string, number> = {};
	for (const row of data as { id: string; profiles: { count: number }[] }[]) {
		const count = row.profiles[0]?.count ?? 0;
		if (count > 0) counts[row.id] = count;
	}
	return counts;
}

/** Adds an organization (administrators only; row-level security refuses anyone else). */
export async function create(db: Db, input: NewOrganization): Promise<Created> {
	const { data, error } = await db
		.from('organizations')
		.insert({
			slug: input.slug,
			name: input.name,
			kind: input.kind,
			county: input.county,
			county_code: input.countyCode,
			municipality_code: input.municipalityCode,
			website: input.website
		})
		.select(COLUMNS)
		.single();
	if (error?.code === '23505') return { ok: false, reason: 'slug_taken' };
	if (error?.code === '42501') return { ok: false, reason: 'forbidden' };
	if (error) failed('organizations.create', error);
	return { ok: true, organization: fromRow(data as Row) };
}

export interface Choice {
	id: string;
	slug: string;
	name: string;
	kind: OrganizationKind;
	county: string | null;
}

/** Every organization a person can say they belong to: by kind, then by Swedish name. */
export async function choices(db: Db): Promise<Choice[]> {
	const { data, error } = await db.from('organizations').select('id, slug, name, kind, county');
	if (error) throw new Error(`organizations: ${error.message}`);
	return sortChoices(data as Choice[]);
}

const swedish = new Intl.Collator('sv');

/** Organization rows read elsewhere (e.g. with a page's data), as `choices` gives them. */
export function choicesFrom(rows: Record<string, unknown>[]): Choice[] {
	return sortChoices(
		rows.map((r) => ({
			id: r.id as string,
			slug: r.slug as string,
			name: r.name as string,
			kind: r.kind as OrganizationKind,
			county: r.county as string | null
		}))
	);
}

function sortChoices(rows: Choice[]): Choice[] {
	return rows.sort(
		(a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || swedish.compare(a.name, b.name)
	);
}
