import postgres, { type Sql } from 'postgres';
import type { Config } from './config.ts';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';
import { startPostgrest, type RunningPostgrest } from './postgrest.ts';
import { loadOrCreateSecrets } from './secrets.ts';
import { seedReference } from './seed-reference.ts';

// Brings up what the app needs, in order: PostgreSQL (embedded unless DATABASE_URL is set),
// migrations, reference data, PostgREST (unless a hosted Supabase's REST API is configured).
// Returns the environment the app reads and a stop() that shuts down in reverse order.

export const AUTHENTICATOR_ROLE = 'erfa_authenticator';

export interface Services {
	/** Variables for the app: DATABASE_URL, ERFA_REST_URL or SUPABASE_URL, keys. */
	env: Record<string, string>;
	embedded: RunningPostgres | null;
	rest: RunningPostgrest | null;
	stop: () => Promise<void>;
}

export function connect(url: string, max = 10): Sql {
	return postgres(url, { max, onnotice: () => {}, connection: { application_name: 'erfa' } });
}

/** Migrations, reference data and the PostgREST login role; idempotent. */
export async function prepareDatabase(sql: Sql, authenticatorPassword?: string): Promise<string[]> {
	const applied = await migrate(sql);
	await seedReference(sql);
	if (authenticatorPassword) await ensureAuthenticator(sql, authenticatorPassword);
	return applied;
}

async function ensureAuthenticator(sql: Sql, password: string): Promise<void> {
	if (!/^[\w-]+$/.test(password)) throw new Error('authenticator password must be url-safe');
	const exists = await sql`select 1 from pg_roles where rolname = ${AUTHENTICATOR_ROLE}`;
	const verb = exists.length ? 'alter' : 'create';
	await sql.unsafe(
		`${verb} role ${AUTHENTICATOR_ROLE} with login noinherit password '${password}'`
	);
	await sql.unsafe(`grant anon, authenticated to ${AUTHENTICATOR_ROLE}`);
}

export async function ensureDatabase(
	adminUrl: string,
	name: string,
	template?: string
): Promise<void> {
	const admin = connect(adminUrl, 1);
	try {
		const found = await admin`select 1 from pg_database where datname = ${name}`;
		if (!found.length) {
			await admin.unsafe(`create database "${name}"${template ? ` template "${template}"` : ''}`);
		}
	} finally {
		await admin.end();
	}
}

export function withCredentials(url: string, user: string, password: string): string {
	const u = new URL(url);
	u.username = user;
	u.password = password;
	return u.toString();
}

export async function startServices(
	config: Config,
	log?: (line: string) => void
): Promise<Services> {
	const secrets = await loadOrCreateSecrets(config.dataDir);
	let embedded: RunningPostgres | null = null;
	let databaseUrl = config.DATABASE_URL;
	if (!databaseUrl) {
		embedded = await startEmbeddedPostgres({
			dataDir: config.dataDir,
			port: config.ERFA_EMBEDDED_PG_PORT,
			password: secrets.postgresPassword,
			log
		});
		await ensureDatabase(embedded.url('postgres'), 'erfa');
		databaseUrl = embedded.url('erfa');
	}
	const hosted = Boolean(config.SUPABASE_URL);
	const sql = connect(databaseUrl, 2);
	let rest: RunningPostgrest | null = null;
	try {
		await prepareDatabase(sql, hosted ? undefined : secrets.authenticatorPassword);
		const jwtSecret = config.SUPABASE_JWT_SECRET ?? secrets.jwtSecret;
		const env: Record<string, string> = {
			DATABASE_URL: databaseUrl,
			// No anon key: for the bundled PostgREST the app mints its own, with an expiry, and
			// renews it (supabase.ts); a hosted project's is already in the environment.
			SUPABASE_JWT_SECRET: jwtSecret,
			ERFA_ENCRYPTION_KEY: config.ERFA_ENCRYPTION_KEY ?? secrets.encryptionKey
		};
		if (!hosted) {
			rest = await startPostgrest({
				databaseUrl: withCredentials(
					databaseUrl,
					AUTHENTICATOR_ROLE,
					secrets.authenticatorPassword
				),
				jwtSecret,
				port: config.ERFA_POSTGREST_PORT,
				log
			});
			env.ERFA_REST_URL = rest.url;
		}
		const stop = async () => {
			await Promise.allSettled([rest?.stop(), embedded?.stop()]);
		};
		return { env, embedded, rest, stop };
	} catch (error) {
		await Promise.allSettled([rest?.stop(), embedded?.stop()]);
		throw error;
	} finally {
		await sql.end({ timeout: 2 });
	}
}
