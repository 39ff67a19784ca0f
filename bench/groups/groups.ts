// Erfa groups at volume: the demo dataset plus 50 groups, 10 000 experiences, 5 000 threads and
// 50 000 replies (seed.ts), then server rendering of /groups and of the busy group's pages
// at 50 connections, signed in as Anna (a member of every group), and where the busy group's
// database time goes (explain.ts). Target: p95 ≤ 80 ms on a 2-core machine.
import postgres from 'postgres';
import type { BenchResult, Benchmark } from '../shared/benchmark.ts';
import { databaseUrl } from '../shared/database.ts';
import { login, removeDataDir, stopErfa, withOutput, type RunningErfa } from '../shared/erfa.ts';
import { describeQuery, type QueryFigures } from '../shared/explain.ts';
import {
	aloneSeconds,
	connections,
	durationSeconds,
	measurePages,
	rows,
	startWithRetries,
	warmupSeconds,
	type Page,
	type PageResult
} from '../shared/pages.ts';
import { removeSnapshot } from '../shared/snapshot.ts';
import { explainQueries } from './explain.ts';
import { busy, member, seedVolume, volume, type Seeded } from './seed.ts';

const target = { p95Ms: 80 };

function pages(s: Seeded): Page[] {
	const group = `/groups/${busy.slug}`;
	return [
		{ label: 'GET /groups', path: '/groups', expect: ['Anna Lind', busy.name] },
		{ label: 'GET busy group', path: group, expect: [busy.name, 'Anna Lind'] },
		{
			label: 'GET busy group experiences',
			path: `${group}/experiences`,
			expect: [s.newestExperience]
		},
		{ label: 'GET busy group discussions', path: `${group}/discussions`, expect: [s.firstThread] },
		{
			label: `GET busiest thread (${s.busiestThread.replies} replies)`,
			path: `${group}/discussions/${s.busiestThread.id}`,
			expect: [s.busiestThread.title]
		}
	];
}

async function measure(erfa: RunningErfa) {
	const url = await databaseUrl(erfa.dataDir, erfa.ports.postgres);
	console.log(
		`  Erfa (demo data) ready on ${erfa.origin}; seeding the volume over ${erfa.ports.postgres}`
	);
	const seeded = await seedVolume(url);
	const c = seeded.counts;
	console.log(
		`  seeded in ${seeded.seconds.toFixed(1)} s (vacuum + analyze ${seeded.vacuumSeconds.toFixed(1)} s): ` +
			`${c.groups} groups, ${c.members} memberships, ${c.experiences} experiences ` +
			`(${c.busy_experiences} in ${busy.slug}, ${c.busy_members} members), ${c.threads} threads, ${c.replies} replies`
	);
	console.log(
		`  ${connections} connections, ${warmupSeconds} s warm-up, ${durationSeconds} s per page, ` +
			`then ${aloneSeconds} s at 1 connection; signed in as ${member.email}`
	);
	const cookie = await login(erfa.origin, member.email, member.password);
	const results = await measurePages(erfa.origin, pages(seeded), cookie);
	console.log(
		'  database time of the busy group pages (PostgREST requests as Anna, slowest first):'
	);
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const ids = { ...seeded, busySlug: busy.slug, threadId: seeded.busiestThread.id };
		const queries = await explainQueries(
			sql,
			{ url: `http://127.0.0.1:${erfa.ports.rest}`, dataDir: erfa.dataDir },
			ids
		);
		return { seeded, results, queries };
	} finally {
		await sql.end({ timeout: 2 });
	}
}

function summarize(
	run: { seeded: Seeded; results: PageResult[]; queries: QueryFigures[] },
	leftovers: string[]
): BenchResult {
	const { seeded, results, queries } = run;
	const slowest = queries.slice(0, 3).map((q, i) => ({
		figure: `slowest REST query #${i + 1}`,
		value: describeQuery(q, 'short')
	}));
	return {
		name: 'groups',
		summary: [
			{
				figure: 'seeding (SQL + vacuum analyze)',
				value: `${seeded.seconds.toFixed(1)} s for ${volume.groups} groups, ${volume.experiences} experiences, ${volume.threads} threads, ${volume.replies} replies`
			},
			...results.flatMap((r) => rows(r, target)),
			...slowest,
			{
				figure: 'postgres/postgrest left running',
				value: leftovers.length ? leftovers.join('; ') : 'none'
			}
		],
		details: {
			connections,
			durationSeconds,
			warmupSeconds,
			aloneSeconds,
			volume,
			seeded,
			pages: results,
			queries
		}
	};
}

export const groups: Benchmark = {
	name: 'groups',
	async run() {
		const { appDir, erfa } = await startWithRetries('groups', 'demo');
		try {
			let run: Awaited<ReturnType<typeof measure>>;
			let leftovers: string[];
			try {
				run = await measure(erfa);
			} catch (error) {
				throw withOutput(error, erfa);
			} finally {
				leftovers = (await stopErfa(erfa)).leftovers;
			}
			return summarize(run, leftovers);
		} finally {
			await Promise.all([removeDataDir(erfa.dataDir), removeSnapshot(appDir)]);
		}
	}
};
