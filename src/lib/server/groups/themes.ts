import { z } from 'zod';
import type { Db } from '$lib/server/platform';

// Annual themes chosen by the association's working group. Everyone may read them; only
// administrators write (row-level security refuses anyone else, the routes check first).

export const limits = { name: 120, description: 4000, slug: 80 } as const;

export interface Theme {
	id: string;
	slug: string;
	name: string;
	description: string;
	startYear: number;
	endYear: number | null;
	sdgGoals: number[];
	featured: boolean;
}

export interface ThemeInput {
	slug: string;
	name: string;
	description: string;
	startYear: number;
	endYear: number | null;
	sdgGoals: number[];
}

export type Saved =
	| { ok: true; theme: Theme }
	| { ok: false; reason: 'slug_taken' | 'forbidden' | 'not_found' | 'invalid' };

const COLUMNS = 'id, slug, name, description, start_year, end_year, sdg_goals, featured';

interface Row {
	id: string;
	slug: string;
	name: string;
	description: string;
	start_year: number;
	end_year: number | null;
	sdg_goals: number[];
	featured: boolean;
}

const fromRow = (r: Row): Theme => ({
	id: r.id,
	slug: r.slug,
	name: r.name,
	description: r.description,
	startYear: r.start_year,
	endYear: r.end_year,
	sdgGoals: [...r.sdg_goals].sort((a, b) => a - b),
	featured: r.featured
});

/** Rows read elsewhere (with a page's data, as `list` reads them) as themes, in list order. */
export function fromRows(rows: Record<string, unknown>[]): Theme[] {
	return ordered((rows as unknown as Row[]).map(fromRow));
}

function failed(what: string, e: { code?: string; message: string }): never {
	throw new Error(`${what}: ${e.message} (${e.code ?? 'no code'})`);
}

/** Does the theme's period include this year? An open-ended theme runs until it is closed. */
export function isCurrent(theme: Theme, year = new Date().getFullYear()): boolean {
	return theme.startYear <= year && (theme.endYear === null || theme.endYear >= year);
}

/** Featured first, then the ones running now, then the most recent. */
export function ordered(list: Theme[], year = new Date().getFullYear()): Theme[] {
	const rank = (t: Theme) => (t.featured ? 0 : isCurrent(t, year) ? 1 : 2);
	return [...list].sort(
		(a, b) =>
			rank(a) - rank(b) ||
			b.startYear - a.startYear ||
			a.name.localeCompare(b.name, 'sv', { sensitivity: 'base' })
	);
}

export async function list(db: Db): Promise<Theme[]> {
	const { data, error } = await db.from('themes').select(COLUMNS);
	if (error) failed('themes.list', error);
	return ordered((data as Row[]).map(fromRow));
}

export async function bySlug(db: Db, slug: string): Promise<Theme | null> {
	const { data, error } = await db.from('themes').select(COLUMNS).eq('slug', slug).maybeSingle();
	if (error) failed('themes.bySlug', error);
	return data ? fromRow(data as Row) : null;
}

export async function byId(db: Db, id: string): Promise<Theme | null> {
	if (!z.uuid().safeParse(id).success) return null;
	const { data, error } = await db.from('themes').select(COLUMNS).eq('id', id).maybeSingle();
	if (error) failed('themes.byId', error);
	return data ? fromRow(data as Row) : null;
}

/** The theme shown on the home page: the featured one, or else one running this year. */
// Themes are the same for everyone (readable by all, written rarely and by administrators only)
// and the home and groups pages show them on every request (issue 17): for those pages the
// list is kept a minute per process, and forgotten at once when this process changes a theme.
const KEEP_MS = 60_000;
let kept: { until: number; list: Promise<Theme[]> } | null = null;

/** list(), kept for up to a minute: for pages that show the themes to everyone. */
export function shared(db: Db, now = Date.now()): Promise<Theme[]> {
	if (kept && kept.until > now) return kept.list;
	const read = list(db);
	kept = { until: now + KEEP_MS, list: read };
	read.catch(() => {
		if (kept?.list === read) kept = null;
	});
	return read;
}

function forget<T>(result: T): T {
	kept = null;
	return result;
}

export async function featured(db: Db): Promise<Theme | null> {
	const all = await shared(db);
	return all.find((t) => t.featured) ?? all.find((t) => isCurrent(t)) ?? null;
}

// The domain's own rules; the route's schema gives the friendlier messages.
const rules = z
	.object({
		slug: z
			.string()
			.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
			.max(limits.slug),
		name: z.string().trim().min(2).max(limits.name),
		description: z.string().max(limits.description),
		startYear: z.number().int().min(2000).max(2100),
		endYear: z.number().int().min(2000).max(2100).nullable(),
		sdgGoals: z.array(z.number().int().min(1).max(17))
	})
	.refine((t) => t.endYear === null || t.endYear >= t.startYear);

function toRow(input: ThemeInput) {
	return {
		slug: input.slug,
		name: input.name.trim(),
		description: input.description,
		start_year: input.startYear,
		end_year: input.endYear,
		sdg_goals: [...new Set(input.sdgGoals)].sort((a, b) => a - b)
	};
}

function outcome(data: unknown, error: { code?: string; message: string } | null, what: string) {
	if (error?.code === '23505') return { ok: false, reason: 'slug_taken' } as const;
	if (error?.code === '42501') return { ok: false, reason: 'forbidden' } as const;
	if (error) failed(what, error);
	if (!data) return { ok: false, reason: 'not_found' } as const;
	return { ok: true, theme: fromRow(data as Row) } as const;
}

export async function create(db: Db, input: ThemeInput): Promise<Saved> {
	if (!rules.safeParse(input).success) return { ok: false, reason: 'invalid' };
	const { data, error } = await db.from('themes').insert(toRow(input)).select(COLUMNS).single();
	return forget(outcome(data, error, 'themes.create'));
}

/** Saves a theme; "not_found" also when RLS hides the row from a non-administrator. */
export async function update(db: Db, id: string, input: ThemeInput): Promise<Saved> {
	if (!rules.safeParse(input).success) return { ok: false, reason: 'invalid' };
	const { data, error } = await db
		.from('themes')
		.update(toRow(input))
		.eq('id', id)
		.select(COLUMNS)
		.maybeSingle();
	return forget(outcome(data, error, 'themes.update'));
}

export type Featured = { ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'busy' };

/**
 * Makes one theme the featured one (or none, with null). The previous one is cleared first:
 * the unique index allows one featured theme, so two administrators at once get "busy".
 */
export async function setFeatured(db: Db, id: string | null): Promise<Featured> {
	forget(null);
	const cleared = await db
		.from('themes')
		.update({ featured: false })
		.eq('featured', true)
		.select('id');
	if (cleared.error?.code === '42501') return { ok: false, reason: 'forbidden' };
	if (cleared.error) failed('themes.setFeatured', cleared.error);
	if (id === null) return { ok: true };
	const { data, error } = await db
		.from('themes')
		.update({ featured: true })
		.eq('id', id)
		.select('id');
	if (error?.code === '23505') return { ok: false, reason: 'busy' };
	if (error?.code === '42501') return { ok: false, reason: 'forbidden' };
	if (error) failed('themes.setFeatured', error);
	forget(null);
	return data.length > 0 ? { ok: true } : { ok: false, reason: 'not_found' };
}
