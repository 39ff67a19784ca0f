import type { Sql } from 'postgres';
import { readConfig } from './config.ts';
import { connect } from './services.ts';

// The privileged connection pool: sessions, credentials, tokens, throttling, mail delivery and
// (later) Yjs persistence. User-scoped data goes through `locals.supabase` instead, so RLS decides.
// A pool is shared infrastructure, not per-user state, so one per process is right.

let pool: Sql | undefined;

export function sql(): Sql {
	pool ??= connect(requireDatabaseUrl(), 20);
	return pool;
}

function requireDatabaseUrl(): string {
	const url = readConfig().DATABASE_URL;
	if (!url)
		throw new Error('DATABASE_URL is not set: start Erfa with `npm start` or `npm run dev`.');
	return url;
}

export async function closeDb(): Promise<void> {
	await pool?.end({ timeout: 2 });
	pool = undefined;
}
