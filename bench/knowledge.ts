// Research, Agenda 2030, search and the knowledge map at volume (issues 5 and 6): 100 000
// research records with SDG goals and targets, 100 000 experiences and 10 000 documents on top
// of the groups benchmark's people and groups (knowledge-seed.ts, seeded once and cached), then
// three benchmarks, each on its own copy of that database, signed in as Anna:
// * knowledge-agenda: /research with two facets, /agenda2030/8 and a group page with its
//   research radar (knowledge-agenda.ts);
// * knowledge-search: ten searches and ten type-ahead prefixes (knowledge-search.ts);
// * knowledge-map: /map (below).
// Figures only: each is printed with its target and whether it is met, with the p95 at one
// connection beside it, since at 50 connections on two shared cores (the load generator
// included) most of the latency is queueing.
import { agenda } from './knowledge-agenda.ts';
import {
	databaseIdle,
	nestedPlans,
	printPlans,
	slowestInside,
	timeRequests,
	type CallPlans
} from './knowledge-explain.ts';
import { member, startOnVolume, volume, type Facts } from './knowledge-seed.ts';
import { search } from './knowledge-search.ts';
import { databaseUrl } from './groups-seed.ts';
import { enablePlans, restClient } from './groups-explain.ts';
import postgres from 'postgres';
import { load1, measurePages, rows, type PageResult } from './pages.ts';
import { removeSnapshot } from './snapshot.ts';
import {
	login,
	removeDataDir,
	stopErfa,
	withOutput,
	type BenchResult,
	type Benchmark,
	type RunningErfa,
	type SummaryRow
} from './support.ts';
import type { SupabaseClient } from '@supabase/supabase-js';

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
function onVolume(name: string, measure: (c: Context) => Promise<Section>): Benchmark {
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

const mapTarget = { p95Ms: 100 };

async function map(c: Context): Promise<Section> {
	const pages = [{ label: 'GET /map', path: '/map', expect: [c.facts.busiestPlace] }];
	const results: PageResult[] = await measurePages(c.erfa.origin, pages, c.cookie, c.settle);
	console.log('  database time of /map (as Anna):');
	const requests = await timeRequests(c.db, [
		{ name: 'knowledge_map()', pages: '/map', rpc: true, request: (db) => db.rpc('knowledge_map') }
	]);
	const plans: CallPlans = await nestedPlans(
		c.databaseUrl,
		c.facts.annaId,
		'select * from public.knowledge_map()'
	);
	printPlans(plans);
	return {
		summary: [
			...results.flatMap((r) => rows(r, mapTarget, true)),
			{
				figure: 'knowledge_map() through PostgREST (uncached; /map keeps it 30 s)',
				value: `median ${requests[0]!.medianMs.toFixed(1)} ms`
			},
			{ figure: 'knowledge_map() in the database', value: slowestInside(plans) }
		],
		details: { pages: results, requests, plans }
	};
}

export const knowledgeAgenda = onVolume('knowledge-agenda', agenda);
export const knowledgeSearch = onVolume('knowledge-search', search);
export const knowledgeMap = onVolume('knowledge-map', map);
