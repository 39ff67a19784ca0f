import type { Sql } from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { signAnonKey } from '../../auth/jwt.ts';
import { closeDb } from '../../platform/db.ts';
import { freePort } from '../../platform/ports.ts';
import { startPostgrest } from '../../platform/postgrest.ts';
import { AUTHENTICATOR_ROLE, connect, withCredentials } from '../../platform/services.ts';
import type { RestTarget } from '../../platform/supabase.ts';

export interface TestDatabase {
	name: string;
	url: string;
	sql: Sql;
	/** Drops the database; call from afterAll. */
	drop: () => Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
	const adminUrl = inject('pgAdminUrl');
	const name = `t_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
	const admin = connect(adminUrl, 1);
	await admin.unsafe(`create database "${name}" template "${inject('templateDatabase')}"`);
	const url = adminUrl.replace(/\/postgres$/, `/${name}`);
	const sql = connect(url, 5);
	// Modules that use the process-wide pool (mail delivery, `sql()`) follow this database.
	process.env.DATABASE_URL = url;
	return {
		name,
		url,
		sql,
		drop: async () => {
			await sql.end({ timeout: 1 });
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}

export interface TestRest {
	target: RestTarget;
	stop: () => Promise<void>;
}

/** A real PostgREST in front of the test database, as the app runs it. */
export async function startTestRest(db: TestDatabase): Promise<TestRest> {
	const jwtSecret = inject('jwtSecret');
	const rest = await startPostgrest({
		databaseUrl: withCredentials(db.url, AUTHENTICATOR_ROLE, inject('authenticatorPassword')),
		jwtSecret,
		port: await freePort()
	});
	const target: RestTarget = {
		url: rest.url,
		restRoot: rest.url,
		anonKey: await signAnonKey(jwtSecret),
		jwtSecret
	};
	process.env.ERFA_REST_URL = rest.url;
	process.env.SUPABASE_ANON_KEY = target.anonKey;
	process.env.SUPABASE_JWT_SECRET = jwtSecret;
	return { target, stop: rest.stop };
}

export interface UsedDatabase {
	readonly sql: Sql;
	readonly url: string;
	readonly name: string;
	/** The PostgREST target; only when asked for with `{ rest: true }`. */
	readonly rest: RestTarget;
}

/**
 * The test file's database, created in beforeAll and dropped in afterAll. Call it at the top
 * of the file, before the file's own beforeAll, so the database exists when that hook runs.
 */
export function useTestDatabase(options: { rest?: boolean } = {}): UsedDatabase {
	let db: TestDatabase | undefined;
	let rest: TestRest | undefined;
	beforeAll(async () => {
		db = await createTestDatabase();
		if (options.rest) rest = await startTestRest(db);
	});
	afterAll(async () => {
		// The module pool (locks, notifications) points at this database: close it first.
		await closeDb();
		await rest?.stop();
		await db?.drop();
	});
	const ready = () => {
		if (!db) throw new Error('useTestDatabase: the database exists only inside tests and hooks');
		return db;
	};
	return {
		get sql() {
			return ready().sql;
		},
		get url() {
			return ready().url;
		},
		get name() {
			return ready().name;
		},
		get rest() {
			if (!rest) throw new Error('useTestDatabase: pass { rest: true } to get PostgREST');
			return rest.target;
		}
	};
}
