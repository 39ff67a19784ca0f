import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.ts';
import { freePort } from '../platform/ports.ts';
import { connect, ensureDatabase, prepareDatabase } from '../platform/services.ts';

// One real PostgreSQL for the whole test run. Migrations and reference data are applied once
// to a template database; every test file then gets its own copy (CREATE DATABASE … TEMPLATE),
// so files run in parallel without seeing each other's rows.

declare module 'vitest' {
	export interface ProvidedContext {
		pgAdminUrl: string;
		templateDatabase: string;
		authenticatorPassword: string;
		jwtSecret: string;
	}
}

export const TEMPLATE = 'erfa_template';

export default async function setup(project: TestProject) {
	const dataDir = join(import.meta.dirname, '../../../../.data', `test-${process.pid}`);
	await rm(dataDir, { recursive: true, force: true });
	const password = 'test-superuser-password-0123456789';
	const pg = await startEmbeddedPostgres({
		dataDir,
		port: await freePort(),
		password,
		ephemeral: true
	});
	const authenticatorPassword = 'test-authenticator-0123456789';
	await ensureDatabase(pg.url('postgres'), TEMPLATE);
	const sql = connect(pg.url(TEMPLATE), 1);
	await prepareDatabase(sql, authenticatorPassword);
	await sql.end();
	project.provide('pgAdminUrl', pg.url('postgres'));
	project.provide('templateDatabase', TEMPLATE);
	project.provide('authenticatorPassword', authenticatorPassword);
	project.provide('jwtSecret', 'test-jwt-secret-with-at-least-32-characters');
	return async () => {
		await pg.stop();
		await rm(dataDir, { recursive: true, force: true });
	};
}
