// Research, Agenda 2030, search and the knowledge map at volume (issues 5 and 6): 100 000
// research records with SDG goals and targets, 100 000 experiences and 10 000 documents on top
// of the shared base's people and groups (seed.ts, seeded once and cached), then three
// benchmarks, each on its own copy of that database, signed in as Anna:
// * knowledge-agenda: /research with two facets, /agenda2030/8 and a group page with its
//   research radar (agenda.ts);
// * knowledge-search: ten searches and ten type-ahead prefixes (search.ts);
// * knowledge-map: /map (map.ts).
// This file runs one of them on its copy; each file above measures its own part.
// Figures only: each is printed with its target and whether it is met, with the p95 at one
// connection beside it, since at 50 connections on two shared cores (the load generator
// included) most of the latency is queueing.
import type { SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import type { BenchResult, Benchmark, SummaryRow } from '../shared/benchmark.ts';
import { databaseUrl, restClient } from '../shared/database.ts';
import { login, removeDataDir, stopErfa, withOutput, type RunningErfa } from '../shared/erfa.ts';
import { enablePlans } from '../shared/explain.ts';
import { load1 } from '../shared/pages.ts';
import { removeSnapshot } from '../shared/snapshot.ts';
import { databaseIdle } from './explain.ts';
import { member, startOnVolume, volume, type Facts } from './seed.ts';

/** What a section of the benchmark gets: the running Erfa on its copy of the volume. */
export interface Context {
	erfa: RunningErfa;
	facts: Facts;
	/** Anna's session cookie, for the pages. */
	cookie: string;
	/** The database as superuser, for auto_explain. */
	databaseUrl: string;
	/** PostgREST as Anna, for timing the pages' requests. */
	db: SupabaseClient;
	/** Waits until the database has finished what earlier load left running. */
	settle: () => Promise<void>;
}

export interface Section {
	summary: SummaryRow[];
	details: unknown;
}

function seedingRow(facts: Facts, cache: string): SummaryRow {
	const c = facts.counts;
	return {
		figure: 'volume (seeded once, cached)',
		value:
			`${c.research} research, ${c.experiences} experiences (${c.radar_group_experiences} in the ` +
			`radar's group), ${c.documents} documents, ${c.research_links} research links; ` +
			`${c.database_mb} MB; seeding took ${facts.seconds.toFixed(0)} s (${cache.split('/').pop()})`
	};
}

async function section(erfa: RunningErfa, facts: Facts, measure: (c: Context) => Promise<Section>) {
	const cookie = await login(erfa.origin, member.email, member.password);
	const url = await databaseUrl(erfa.dataDir, erfa.ports.postgres);
	const rest = { url: `http://127.0.0.1:${erfa.ports.rest}`, dataDir: erfa.dataDir };
	const db = await restClient(rest, facts.annaId);
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	await enablePlans(sql, db).finally(() => sql.end({ timeout: 2 }));
	const settle = () => databaseIdle(url);
	return measure({ erfa, facts, cookie, databaseUrl: url, db, settle });
}

function around(before: number[], after: number[], leftovers: string[]): [SummaryRow, SummaryRow] {
	const load = `${before.join(' ')} → ${after.join(' ')}`;
	const left = leftovers.length ? leftovers.join('; ') : 'none';
	return [
		{ figure: 'load average before → after', value: load },
		{ figure: 'postgres/postgrest left running', value: left }
	];
}

/** A benchmark on a fresh copy of the seeded volume; `measure` is its own part. */
export function onVolume(name: string, measure: (c: Context) => Promise<Section>): Benchmark {
	return {
		name,
		async run(): Promise<BenchResult> {
			const { appDir, erfa, facts, cache } = await startOnVolume(name);
			try {
				const before = load1();
				console.log(`  Erfa ready on ${erfa.origin} as ${member.email}; load ${before.join(' ')}`);
				let result: Section;
				let leftovers: string[];
				try {
					result = await section(erfa, facts, measure);
				} catch (error) {
					throw withOutput(error, erfa);
				} finally {
					leftovers = (await stopErfa(erfa)).leftovers;
				}
				const after = load1();
				const summary = [seedingRow(facts, cache), ...result.summary];
				const details = {
					volume,
					facts,
					loadavg: { before, after },
					...(result.details as object)
				};
				return { name, summary: [...summary, ...around(before, after, leftovers)], details };
			} finally {
				await Promise.all([removeDataDir(erfa.dataDir), removeSnapshot(appDir)]);
			}
		}
	};
}
