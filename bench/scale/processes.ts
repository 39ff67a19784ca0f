// Several app processes on one database (README, "Several processes"): one PostgreSQL, two Erfa
// processes on it configured as the README says (DATABASE_URL to the shared database, the same
// DATA_DIR and so the same secrets, ORIGIN the proxy's, ADDRESS_HEADER=X-Forwarded-For), behind
// proxy.ts's round robin without sticky sessions. Proves that a session made through one
// process works on the other and that an edit made on a socket to one process reaches a socket
// to the other (LISTEN/NOTIFY), then measures a signed-in page through one process and two.
import type { Sql } from 'postgres';
import { appDir } from '../shared/app-dir.ts';
import type { BenchResult, Benchmark } from '../shared/benchmark.ts';
import { member } from '../shared/demo.ts';
import {
	benchDataDir,
	removeDataDir,
	startErfa,
	stopErfa,
	type RunningErfa
} from '../shared/erfa.ts';
import { loadTest, type LoadFigures } from '../shared/load.ts';
import { loaded } from '../shared/pages.ts';
import { startDatabase } from '../collab/servers.ts';
import { editAcross } from './edits.ts';
import { startProxy, type Proxy } from './proxy.ts';

const seconds = Number(process.env.BENCH_DURATION ?? 10);
// PROCESSES_CONNECTIONS lowers the load where 50 connections only queue (a busy 2-core machine).
const connections = Number(process.env.PROCESSES_CONNECTIONS ?? 50);

// With ADDRESS_HEADER set, adapter-node refuses a request without it: requests straight to a
// process (bypassing the proxy) carry it as the proxy would have set it.
const forwarded = { 'x-forwarded-for': '127.0.0.1' };

/** Signs in on one process directly, with the Origin every process expects (the proxy's). */
async function loginAt(direct: string, origin: string): Promise<string> {
	const response = await fetch(`${direct}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			...forwarded,
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: member.email, password: member.password })
	});
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0] ?? '')
		.find((c) => c.startsWith('erfa_session='));
	if (response.status !== 303 || !cookie) throw new Error(`login: HTTP ${response.status}`);
	return cookie;
}

/** The session made on A, used on B: B renders the signed-in home page for that person. */
async function sessionCrosses(a: RunningErfa, b: RunningErfa, origin: string) {
	const cookie = await loginAt(a.origin, origin);
	const response = await fetch(`${b.origin}/`, {
		redirect: 'manual',
		headers: { ...forwarded, cookie }
	});
	const body = await response.text();
	const works = response.status === 200 && body.includes('Anna Lind');
	return { cookie, works, status: response.status };
}

async function throughput(proxy: Proxy, ports: number[], cookie: string): Promise<LoadFigures> {
	proxy.setTargets(ports);
	const url = `${proxy.origin}/`;
	await loadTest(url, { connections, seconds: 2, cookie });
	return loadTest(url, { connections, seconds, cookie });
}

async function startApps(databaseUrl: string, dataDir: string, dir: string, proxy: Proxy) {
	const env = {
		DATABASE_URL: databaseUrl,
		ORIGIN: proxy.origin,
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1'
	};
	// One after the other: the first creates DATA_DIR/secrets.json, which the second then reads.
	const a = await startErfa({ command: 'demo', appDir: dir, dataDir, env });
	try {
		const b = await startErfa({ command: 'start', appDir: dir, dataDir, env });
		return [a, b] as const;
	} catch (error) {
		await stopErfa(a);
		throw error;
	}
}

async function measure(a: RunningErfa, b: RunningErfa, proxy: Proxy, sql: Sql) {
	proxy.setTargets([a.ports.app, b.ports.app]);
	const session = await sessionCrosses(a, b, proxy.origin);
	console.log(`  session made on A works on B: ${session.works} (HTTP ${session.status})`);
	const edit = await editAcross(sql, proxy);
	console.log(`  edit on A reached B: ${edit.arrived} (${edit.ms.toFixed(0)} ms)`);
	const one = await throughput(proxy, [a.ports.app], session.cookie);
	console.log(`  GET / through 1 process: ${loaded(one)}`);
	const two = await throughput(proxy, [a.ports.app, b.ports.app], session.cookie);
	console.log(`  GET / through 2 processes: ${loaded(two)}`);
	return { session: { works: session.works, status: session.status }, edit, one, two };
}

async function run(): Promise<BenchResult> {
	const app = await appDir();
	const db = await startDatabase('processes');
	const dataDir = benchDataDir('processes');
	const proxy = await startProxy([]);
	try {
		const [a, b] = await startApps(db.url, dataDir, app.dir, proxy);
		let figures;
		try {
			figures = await measure(a, b, proxy, db.sql);
		} finally {
			await Promise.all([stopErfa(b), stopErfa(a)]);
		}
		return {
			name: 'processes',
			summary: [
				{ figure: 'session made on A works on B', value: String(figures.session.works) },
				{
					figure: 'edit on A reaches B',
					value: `${figures.edit.arrived} (${figures.edit.ms.toFixed(0)} ms)`
				},
				{ figure: `GET / signed in, 1 process, ${connections} conn`, value: loaded(figures.one) },
				{ figure: `GET / signed in, 2 processes, ${connections} conn`, value: loaded(figures.two) }
			],
			details: { seconds, connections, ...figures }
		};
	} finally {
		await proxy.close();
		await db.stop();
		await Promise.all([removeDataDir(dataDir), app.remove()]);
	}
}

export const processes: Benchmark = { name: 'processes', run };
