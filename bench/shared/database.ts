// Reaching a running Erfa's database from a benchmark: as the superuser (seeding, EXPLAIN) and
// through its bundled PostgREST as one person (timing the requests its pages make). Both read
// the DATA_DIR's secrets, as the app itself does.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { signUserToken } from '../../src/lib/server/auth/jwt.ts';

interface Secrets {
	postgresPassword: string;
	jwtSecret: string;
}

const secrets = async (dataDir: string) =>
	JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as Secrets;

/** The embedded PostgreSQL's URL, as the app builds it from the DATA_DIR's secrets. */
export async function databaseUrl(dataDir: string, port: number): Promise<string> {
	const { postgresPassword } = await secrets(dataDir);
	return `postgres://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${port}/erfa`;
}

/** A supabase-js client for the bundled PostgREST, signed in as `userId`. */
export async function restClient(
	rest: { url: string; dataDir: string },
	userId: string
): Promise<SupabaseClient> {
	const { jwtSecret } = await secrets(rest.dataDir);
	// supabase-js talks to /rest/v1; the bundled PostgREST serves at its root.
	return createClient(rest.url, 'bench', {
		global: { fetch: (input, init) => fetch(String(input).replace('/rest/v1', ''), init) },
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		accessToken: () => signUserToken(jwtSecret, userId)
	});
}
