// The volume shared by the knowledge benchmarks (agenda, search, map): seeded once into the
// database of a demo Erfa, which is then stopped and kept as a cached data directory under .data.
// Each benchmark starts Erfa on a copy of it, so the second and third benchmark of a run (and
// later runs, while the migrations, demo data and seed SQL are unchanged) do not seed again,
// and none sees what another one changed. BENCH_RESEED=1 seeds afresh.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import postgres, { type Sql } from 'postgres';
import { root } from '../shared/benchmark.ts';
import { databaseUrl } from '../shared/database.ts';
import { member } from '../shared/demo.ts';
import {
	benchDataDir,
	removeDataDir,
	startErfa,
	stopErfa,
	withOutput,
	type RunningErfa
} from '../shared/erfa.ts';
import { startWithRetries } from '../shared/pages.ts';
import { base } from '../shared/seed-sql.ts';
import { removeSnapshot } from '../shared/snapshot.ts';
import { radarGroup, statements, volume } from './sql.ts';
import { searches } from './words.ts';

export { member, radarGroup, volume };

/** What the benchmarks check and print about the seeded data. */
export interface Facts {
	seconds: number;
	vacuumSeconds: number;
	stepsMs: Record<string, number>;
	counts: Record<string, number>;
	annaId: string;
	radarGroupId: string;
	/** The first title on /research?goal=8&type=article and in /agenda2030/8's research list. */
	newestArticleOn8: string;
	newestResearchOn8: string;
	/** The member municipality or region with the most published experiences: on /map. */
	busiestPlace: string;
	/** Per search, the records whose text matches it (all of them, as no one person sees). */
	matches: Record<string, { research: number; experiences: number; documents: number }>;
}

const FACTS = 'bench-knowledge.json';
// Part of the cache's name: raise it when Facts or what facts() reads changes.
const FACTS_VERSION = 1;
// What the seeded data depends on: a change to any of these seeds afresh.
const inputs = [
	'bench/shared/demo.ts',
	'bench/shared/seed-sql.ts',
	'bench/shared/words.ts',
	'bench/knowledge/sql.ts',
	'bench/knowledge/words.ts',
	'server/demo',
	'src/lib/server/platform/seed-reference.ts',
	'supabase/migrations',
	'supabase/reference'
];

function files(path: string): string[] {
	const full = join(root, path);
	if (!existsSync(full)) return [];
	if (!statSync(full).isDirectory()) return [full];
	return readdirSync(full)
		.sort()
		.flatMap((entry) => files(join(path, entry)));
}

// Computed once per run: other people's edits during a run (a new migration, say) must not make
// the next benchmark seed again; Erfa applies a newer migration to the copy when it starts.
let cached: string | null = null;
let seededHere = false;
function cacheDir(): string {
	if (cached) return cached;
	// A volume seeded elsewhere (another worktree, an earlier commit): Erfa applies any newer
	// migration to the copy when it starts, so work on SQL need not seed for minutes each time.
	const given = process.env.BENCH_KNOWLEDGE_CACHE;
	if (given) return (cached = given);
	const hash = createHash('sha256').update(`volume ${volume.scale} facts ${FACTS_VERSION}\n`);
	for (const file of inputs.flatMap(files)) {
		hash.update(relative(root, file)).update(readFileSync(file));
	}
	cached = join(root, '.data', `bench-knowledge-cache-${hash.digest('hex').slice(0, 12)}`);
	return cached;
}

async function facts(sql: Sql): Promise<Omit<Facts, 'seconds' | 'vacuumSeconds' | 'stepsMs'>> {
	const [counts] = await sql`select
		(select count(*)::int from public.research) as research,
		(select count(*)::int from public.research_sdg) as research_sdg,
		(select count(*)::int from public.research_authors) as research_authors,
		(select count(*)::int from public.research_links) as research_links,
		(select count(*)::int from public.experiences) as experiences,
		(select count(*)::int from public.experiences e join public.groups g on g.id = e.group_id
			where g.slug = ${radarGroup.slug}) as radar_group_experiences,
		(select count(*)::int from public.documents) as documents,
		(select count(*)::int from erfa.search_words) as search_words,
		(select pg_database_size(current_database())::bigint / 1048576)::int as database_mb`;
	const [ids] =
		await sql`select (select user_id from public.accounts where email = ${member.email}) as anna,
		(select id from public.groups where slug = ${radarGroup.slug}) as radar`;
	// The lists' own orders (src/lib/server/research/research.ts and agenda2030/linked.ts).
	const [article] = await sql`select title from public.research
		where goals @> '{8}' and type = 'article' order by created_at desc, id limit 1`;
	const [newest] = await sql`select title from public.research where goals @> '{8}'
		order by year desc nulls last, created_at desc, id limit 1`;
	const [place] = await sql`select o.name from public.organizations o
		join public.experiences e on e.organization_id = o.id
		where o.is_member and o.kind in ('kommun', 'region') group by o.id order by count(*) desc limit 1`;
	return {
		counts: counts as Record<string, number>,
		annaId: ids!.anna as string,
		radarGroupId: ids!.radar as string,
		newestArticleOn8: article!.title as string,
		newestResearchOn8: newest!.title as string,
		busiestPlace: place!.name as string,
		matches: await matches(sql)
	};
}

async function matches(sql: Sql): Promise<Facts['matches']> {
	const found: Facts['matches'] = {};
	for (const q of searches) {
		const [row] = await sql`with q as (select erfa.search_query(${q}) as tsq) select
			(select count(*)::int from public.research, q where fts @@ tsq) as research,
			(select count(*)::int from public.experiences, q where fts @@ tsq) as experiences,
			(select count(*)::int from public.documents, q where fts @@ tsq) as documents`;
		found[q] = row as Facts['matches'][string];
	}
	return found;
}

async function seed(url: string): Promise<Facts> {
	// One connection: the temporary tables live in its session.
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const started = performance.now();
		const steps: Record<string, number> = {};
		await sql.begin(async (tx) => {
			const all = [...base, ...statements];
			for (const [i, [label, statement]] of all.entries()) {
				// The same data every time, so that figures from two runs compare. Seeded per step:
				// how many numbers a step draws can depend on random UUIDs (gen_random_uuid is not
				// seeded), which would shift every later step's numbers.
				await tx`select setseed(${(i + 1) / (all.length + 1)})`;
				const t = performance.now();
				await tx.unsafe(statement).catch((error: unknown) => {
					throw new Error(`seeding ${label}: ${String(error)}`, { cause: error });
				});
				steps[label] = Math.round(performance.now() - t);
				if (steps[label] > 5000) console.log(`    ${label}: ${(steps[label] / 1000).toFixed(1)} s`);
			}
		});
		const vacuumStarted = performance.now();
		// Autovacuum would get there on a live site; the planner's figures should be current.
		await sql.unsafe(`vacuum (analyze) public.profiles, public.accounts, public.groups,
			public.group_members, public.experiences, public.experience_revisions, public.research,
			public.research_authors, public.research_sdg, public.research_links, public.documents,
			erfa.search_words`);
		const done = performance.now();
		return {
			seconds: (done - started) / 1000,
			vacuumSeconds: (done - vacuumStarted) / 1000,
			stepsMs: steps,
			...(await facts(sql))
		};
	} finally {
		await sql.end({ timeout: 2 });
	}
}

/** Seeds a demo Erfa, stops it and keeps its data directory as the cache; returns the app. */
async function fillCache(dir: string): Promise<string> {
	// A fresh clone has no .data yet.
	mkdirSync(join(root, '.data'), { recursive: true });
	for (const entry of readdirSync(join(root, '.data'))) {
		// One cache at a time: an older one is for code that has changed since.
		if (entry.startsWith('bench-knowledge-cache-'))
			await rm(join(root, '.data', entry), { recursive: true, force: true });
	}
	const { appDir, erfa } = await startWithRetries('knowledge-seed', 'demo');
	let seeded: Facts;
	try {
		console.log(
			`  seeding the knowledge volume (${volume.research} research records, ` +
				`${volume.experiences} experiences, ${volume.documents} documents; cached for later runs)`
		);
		seeded = await seed(await databaseUrl(erfa.dataDir, erfa.ports.postgres));
	} catch (error) {
		await stopErfa(erfa);
		await Promise.all([removeDataDir(erfa.dataDir), removeSnapshot(appDir)]);
		throw withOutput(error, erfa);
	}
	await stopErfa(erfa);
	await writeFile(join(erfa.dataDir, FACTS), JSON.stringify(seeded, null, '\t'));
	// Complete only once renamed: an interrupted seeding never leaves a cache behind.
	await rename(erfa.dataDir, dir);
	return appDir;
}

/** `cp -a`: PostgreSQL runs as its own user and needs its files' owner and modes kept. */
async function copyOf(dir: string, label: string): Promise<string> {
	const copy = benchDataDir(label);
	const result = spawnSync('cp', ['-a', dir, copy], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`copying ${dir}: ${result.stderr}`);
	return copy;
}

/**
 * Gives the planner figures for the tables the seeding left unanalyzed (small ones, and ones a
 * newer migration made): autovacuum analyzes a table only after 50 changed rows, and a table
 * never analyzed is planned as if it had hundreds of rows. At ten years' volume every table has
 * had its analyze: without this, the home page's four document contributors were read through a
 * hashed scan of all 10 000 documents (15 ms of its activity feed, 3 ms once analyzed).
 */
async function analyzeTheRest(erfa: RunningErfa): Promise<void> {
	const sql = postgres(await databaseUrl(erfa.dataDir, erfa.ports.postgres), { max: 1 });
	try {
		const tables = await sql<{ name: string }[]>`
			select format('%I.%I', schemaname, relname) as name from pg_stat_user_tables
			where last_analyze is null and last_autoanalyze is null`;
		for (const t of tables) await sql.unsafe(`analyze ${t.name}`);
		console.log(`  analyzed ${tables.length} tables the seeding had not`);
	} finally {
		await sql.end({ timeout: 2 });
	}
}

/**
 * Erfa started on a copy of the seeded volume (seeding it first when there is no cache), with
 * the facts about it. The caller stops Erfa and removes the app snapshot and the copy.
 */
export async function startOnVolume(
	label: string
): Promise<{ appDir: string; erfa: RunningErfa; facts: Facts; cache: string }> {
	const dir = cacheDir();
	const reuse = existsSync(join(dir, FACTS)) && (process.env.BENCH_RESEED !== '1' || seededHere);
	if (reuse) {
		const started = await startWithRetries(label, 'start', () => copyOf(dir, label));
		const facts = JSON.parse(await readFile(join(dir, FACTS), 'utf8')) as Facts;
		console.log(`  the seeded volume comes from the cache ${relative(root, dir)}`);
		await analyzeTheRest(started.erfa);
		return { ...started, facts, cache: dir };
	}
	if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
	const appDir = await fillCache(dir);
	seededHere = true;
	const dataDir = await copyOf(dir, label);
	try {
		const erfa = await startErfa({ command: 'start', appDir, dataDir });
		await analyzeTheRest(erfa);
		const facts = JSON.parse(await readFile(join(dir, FACTS), 'utf8')) as Facts;
		return { appDir, erfa, facts, cache: dir };
	} catch (error) {
		await Promise.all([removeDataDir(dataDir), removeSnapshot(appDir)]);
		throw error;
	}
}
