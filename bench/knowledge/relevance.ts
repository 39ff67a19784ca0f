// Precision at 5 of the relevance set (src/lib/server/search/relevance.ts) on the volume: the
// set's papers are added for the measurement and removed after it, so the look-alikes of the
// 100 000 records compete with them as they would in use.
import type { SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import type { SummaryRow } from '../shared/benchmark.ts';
import { evaluate, papers } from '../../src/lib/server/search/relevance.ts';

const DOI = '10.0000/erfa-relevance.';

/** The set's answers as printed lines and one summary row; `search` returns titles, best first. */
export async function precisionRows(
	search: (q: string) => Promise<string[]>
): Promise<SummaryRow[]> {
	const result = await evaluate(search);
	console.log(`  precision at 5 of the relevance set: ${result.mean.toFixed(2)}`);
	for (const e of result.each) {
		console.log(`    ${e.p.toFixed(2)} "${e.q}": ${e.top.join(' | ') || '(nothing)'}`);
	}
	const worst = result.each.filter((e) => e.p < 1).map((e) => `"${e.q}" ${e.p.toFixed(2)}`);
	return [
		{
			figure: `relevance set, precision at 5 (${result.each.length} queries)`,
			value: `${result.mean.toFixed(2)}${worst.length ? ` (below 1: ${worst.join(', ')})` : ''}`,
			target: `≥ 0.95: ${result.mean >= 0.95 ? 'met' : 'NOT met'}`
		}
	];
}

/** Adds the papers (public, by Anna), measures through PostgREST as Anna, removes them. */
export async function relevanceOnVolume(
	databaseUrl: string,
	db: SupabaseClient,
	annaId: string
): Promise<SummaryRow[]> {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		for (const [i, p] of papers.entries()) {
			await sql`insert into public.research (title, abstract, year, type, language, doi, keywords,
					visibility, created_by)
				values (${p.title}, ${p.abstract}, 2021, 'article', ${p.language}, ${DOI + i}, '{}',
					'public', ${annaId})
				on conflict do nothing`;
		}
		return await precisionRows(async (q) => {
			const { data, error } = await db.rpc('search', { q, filters: {}, lim: 5, off: 0 });
			if (error) throw new Error(`search "${q}": ${error.message}`);
			return (data as { title: string }[]).map((r) => r.title);
		});
	} finally {
		await sql`delete from public.research where doi like ${DOI + '%'}`;
		await sql.end();
	}
}
