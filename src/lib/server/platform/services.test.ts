import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { freePort, isPortFree } from './ports.ts';
import { connect, startServices } from './services.ts';

// The start-up path `npm start` takes, on a throwaway data directory: first start initialises,
// the second reuses the data, and stopping leaves no PostgreSQL or PostgREST listening.

const dataDir = join(import.meta.dirname, '../../../../.data', `services-test-${process.pid}`);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function start() {
	const pgPort = await freePort();
	const restPort = await freePort();
	const config = readConfig({
		DATA_DIR: dataDir,
		ERFA_EMBEDDED_PG_PORT: String(pgPort),
		ERFA_POSTGREST_PORT: String(restPort)
	});
	return { services: await startServices(config), pgPort, restPort };
}

describe('bundled services', () => {
	it('initialise once, keep data across restarts and stop cleanly', async () => {
		const first = await start();
		expect(first.services.embedded?.fresh).toBe(true);
		const sql = connect(first.services.env.DATABASE_URL!, 1);
		await sql`insert into public.organizations (slug, name, kind) values ('kept-org', 'Kept Org', 'other')`;
		await sql.end();
		const rest = await fetch(
			`${first.services.env.ERFA_REST_URL}/organizations?slug=eq.kept-org&select=name`
		);
		expect(await rest.json()).toEqual([{ name: 'Kept Org' }]);
		await first.services.stop();
		expect(await isPortFree(first.pgPort)).toBe(true);
		expect(await isPortFree(first.restPort)).toBe(true);

		const second = await start();
		expect(second.services.embedded?.fresh).toBe(false);
		const again = connect(second.services.env.DATABASE_URL!, 1);
		const rows = await again`select name from public.organizations where slug = 'kept-org'`;
		await again.end();
		await second.services.stop();
		expect(rows).toEqual([{ name: 'Kept Org' }]);
	}, 60_000);

	it('explains a port that is already taken', async () => {
		const port = await freePort();
		const blocker = (await import('node:net')).createServer().listen(port, '127.0.0.1');
		await new Promise((r) => blocker.once('listening', r));
		const config = readConfig({
			DATA_DIR: `${dataDir}-blocked`,
			ERFA_EMBEDDED_PG_PORT: String(port)
		});
		await expect(startServices(config)).rejects.toThrow(
			/Port \d+ \(embedded PostgreSQL\) is already in use/
		);
		blocker.close();
		await rm(`${dataDir}-blocked`, { recursive: true, force: true });
	});
});

describe('configuration', () => {
	it('refuses a half-configured hosted Supabase with a clear message', () => {
		expect(() => readConfig({ SUPABASE_URL: 'https://x.supabase.co' })).toThrow(
			/SUPABASE_ANON_KEY/
		);
		expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
	});
});
