import { TtlCache, type Visibility } from './cache.ts';
import { organizations } from '$lib/server/people';
import type { Db } from '$lib/server/platform';
import { pack } from '../../map/pack.ts';
import type { Counts, PackedMap, Place } from '../../map/types.ts';
export type { Counts, Place };
export { visibilityOf, type Visibility } from './cache.ts';

// The knowledge map: member municipalities and regions × the 17 global goals, each cell what
// the caller can see of the organization's work on the goal: experiences, documents it wrote or
// co-wrote, research, tools it uses and groups it takes part in. The counting rule lives in one
// place, public.knowledge_map() (migrations 20261126000100, 20261206000000);
// everything goes through the caller's supabase client, so row-level security decides.

export const GOALS = Array.from({ length: 17 }, (_, i) => i + 1);

export const itemKinds = ['experience', 'document', 'research', 'use', 'group'] as const;
export type ItemKind = (typeof itemKinds)[number];

export interface Row {
	organization: Place;
	/** Index 0 is goal 1. */
	cells: Counts[];
	total: number;
}

export interface County {
	name: string;
	code: string | null;
	rows: Row[];
	/** The county's municipalities and regions added up, per goal (index 0 is goal 1). */
	cells: Counts[];
	total: number;
}

export interface KnowledgeMap {
	counties: County[];
	/** The largest cell total, for the colour scale. */
	max: number;
	/** The largest county cell total. */
	countyMax: number;
}

export interface RawCell {
	organizationId: string;
	goal: number;
	experiences: number;
	documents: number;
	research: number;
	uses: number;
	groups: number;
}

const counted = ['experiences', 'documents', 'research', 'uses', 'groups'] as const;

const empty = (): Counts => ({
	experiences: 0,
	documents: 0,
	research: 0,
	uses: 0,
	groups: 0,
	total: 0
});

function add(into: Counts, c: Omit<Counts, 'total'>): void {
	for (const key of counted) {
		into[key] += c[key];
		into.total += c[key];
	}
}

/** The non-empty cells as the database counts them for the caller. */
export async function cells(db: Db): Promise<RawCell[]> {
	const { data, error } = await db.rpc('knowledge_map');
	if (error) throw new Error(`knowledge_map: ${error.message}`);
	return (data as Record<string, string | number>[]).map((r) => ({
		organizationId: String(r.organization_id),
		goal: Number(r.goal),
		experiences: Number(r.experiences),
		documents: Number(r.documents),
		research: Number(r.research),
		uses: Number(r.uses),
		groups: Number(r.groups)
	}));
}

const isPlace = (o: organizations.Organization) => o.kind === 'kommun' || o.kind === 'region';

function toRow(o: organizations.Organization, found: RawCell[]): Row {
	const row: Row = {
		organization: { id: o.id, slug: o.slug, name: o.name, kind: o.kind as Place['kind'] },
		cells: GOALS.map(empty),
		total: 0
	};
	for (const c of found) add(row.cells[c.goal - 1]!, c);
	row.total = row.cells.reduce((sum, c) => sum + c.total, 0);
	return row;
}

// One map (~315 organizations × 17 goals) takes ~0.6 MB of heap, so the classes kept are few:
// 100 hold at most ~60 MB, where the cache's default of 500 could keep ~300 MB after a busy
// moment with many different sets of memberships. A class beyond them is counted afresh.
const cache = new TtlCache<KnowledgeMap>(30_000, 100);

/** The whole map as the caller may see it, counted at most every 30 seconds per visibility
 * class (./cache.ts); `visibility` is `db`'s caller's (visibilityOf). */
export async function matrix(db: Db, visibility: Visibility): Promise<KnowledgeMap> {
	return cache.get(visibility.key, () => count(db));
}

/** What one view of /map shows of the map, packed for the page (map/pack.ts). */
export function forView(map: KnowledgeMap, view: 'places' | 'counties'): PackedMap {
	return {
		max: map.max,
		countyMax: map.countyMax,
		counties: map.counties.map((c) => ({
			name: c.name,
			code: c.code,
			total: c.total,
			cells: view === 'counties' ? c.cells.map(pack) : [],
			rows:
				view === 'places'
					? c.rows.map((r) => ({
							organization: r.organization,
							total: r.total,
							cells: r.cells.map(pack)
						}))
					: []
		}))
	};
}

/** The whole map, by county (länskod order), regions first within a county, then by name. */
export async function count(db: Db): Promise<KnowledgeMap> {
	const [directory, found] = await Promise.all([organizations.list(db), cells(db)]);
	const byOrganization = Map.groupBy(found, (c) => c.organizationId);
	const counties = directory.counties
		.map((county): County => {
			const rows = county.organizations
				.filter(isPlace)
				.map((o) => toRow(o, byOrganization.get(o.id) ?? []));
			const sums = GOALS.map(empty);
			for (const row of rows) row.cells.forEach((c, i) => add(sums[i]!, c));
			return {
				name: county.county,
				code: county.countyCode,
				rows,
				cells: sums,
				total: rows.reduce((sum, r) => sum + r.total, 0)
			};
		})
		.filter((c) => c.rows.length > 0);
	const highest = (list: Counts[][]) => Math.max(0, ...list.flat().map((c) => c.total));
	return {
		counties,
		max: highest(counties.flatMap((c) => c.rows.map((r) => r.cells))),
		countyMax: highest(counties.map((c) => c.cells))
	};
}

export interface Item {
	kind: ItemKind;
	id: string;
	title: string;
	group: { slug: string; name: string } | null;
	at: string | null;
}

export interface Cell {
	organization: Place;
	goal: number;
	items: Record<ItemKind, Item[]>;
}

/** A member municipality or region by slug; null for any other organization. */
async function place(db: Db, slug: string): Promise<Place | null> {
	const o = await organizations.bySlug(db, slug);
	if (!o || !o.isMember || !isPlace(o)) return null;
	return { id: o.id, slug: o.slug, name: o.name, kind: o.kind as Place['kind'] };
}

/** What one cell counts: the items themselves, newest first. */
export async function cell(db: Db, slug: string, goal: number): Promise<Cell | null> {
	const organization = await place(db, slug);
	if (!organization) return null;
	const { data, error } = await db.rpc('knowledge_map_items', {
		p_organization: organization.id,
		p_goal: goal
	});
	if (error) throw new Error(`knowledge_map_items: ${error.message}`);
	const items = Object.fromEntries(itemKinds.map((k) => [k, [] as Item[]])) as Record<
		ItemKind,
		Item[]
	>;
	for (const r of data as Record<string, string | null>[]) {
		items[r.kind as ItemKind].push({
			kind: r.kind as ItemKind,
			id: r.id!,
			title: r.title!,
			group: r.group_slug ? { slug: r.group_slug, name: r.group_name ?? r.group_slug } : null,
			at: r.at ?? null
		});
	}
	return { organization, goal, items };
}

/** Where an item of the map is read. */
export function itemHref(item: Item): string {
	if (item.kind === 'experience') return `/groups/${item.group?.slug}/experiences/${item.id}`;
	if (item.kind === 'document' || item.kind === 'use') return `/docs/${item.id}`;
	if (item.kind === 'group') return `/groups/${item.group?.slug}`;
	return `/research/${item.id}`;
}

export const measures = ['total', ...counted] as const;
export type Measure = (typeof measures)[number];

export interface CsvHeader {
	organization: string;
	county: string;
	goal: (n: number) => string;
	total: string;
}

// A spreadsheet would run a cell starting with = + - @ as a formula (OWASP "CSV injection").
function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The map as CSV for Excel: UTF-8 with a byte order mark, semicolons (Excel's list separator
 * in Swedish), CRLF; one row per municipality or region, one column per goal, then the sum. */
export function csv(map: KnowledgeMap, measure: Measure, header: CsvHeader): string {
	const lines = [[header.organization, header.county, ...GOALS.map(header.goal), header.total]];
	for (const county of map.counties) {
		for (const row of county.rows) {
			const values = row.cells.map((c) => c[measure]);
			const sum = values.reduce((a, b) => a + b, 0);
			lines.push([row.organization.name, county.name, ...values.map(String), String(sum)]);
		}
	}
	return `\uFEFF${lines.map((line) => line.map(csvField).join(';')).join('\r\n')}\r\n`;
}
