import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import { projectRoot } from './root.ts';

// Applies supabase/migrations/*.sql in order, each in its own transaction, and records them
// in the same table the Supabase CLI uses, so `supabase db push` and Erfa agree on what ran.

export const migrationsDir = join(projectRoot(), 'supabase/migrations');

export interface Migration {
	version: string;
	name: string;
	sql: string;
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
	const files = (await readdir(dir)).filter((f) => /^\d{14}_[\w-]+\.sql$/.test(f)).sort();
	return Promise.all(
		files.map(async (file) => {
			const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
			return {
				version: version!,
				name: rest.join('_'),
				sql: await readFile(join(dir, file), 'utf8')
			};
		})
	);
}

/** Returns the versions it applied now. Safe to call from several processes at once. */
export async function migrate(sql: Sql, dir = migrationsDir): Promise<string[]> {
	const migrations = await readMigrations(dir);
	return sql.begin(async (tx) => {
		// One migrator at a time across processes; released at commit.
		await tx`select pg_advisory_xact_lock(hashtext('erfa.migrate'))`;
		await tx.unsafe(`
			create schema if not exists supabase_migrations;
			create table if not exists supabase_migrations.schema_migrations (
				version text primary key, statements text[], name text
			);`);
		const done = new Set(
			(await tx`select version from supabase_migrations.schema_migrations`).map(
				(r) => r.version as string
			)
		);
		const applied: string[] = [];
		for (const m of migrations.filter((m) => !done.has(m.version))) {
			await tx.unsafe(m.sql);
			await tx`insert into supabase_migrations.schema_migrations (version, name, statements)
				values (${m.version}, ${m.name}, ${[m.sql]})`;
			applied.push(m.version);
		}
		return applied;
	});
}
