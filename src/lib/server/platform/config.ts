import { resolve } from 'node:path';
import { z } from 'zod';

// Everything the process reads from its environment, parsed once at the boundary. Plain
// `process.env` (not `$env`) because the CLI, the tests and SvelteKit all share these modules.

const port = z.coerce.number().int().min(1).max(65535);

const schema = z.object({
	PORT: port.default(3000),
	HOST: z.string().min(1).default('127.0.0.1'),
	ORIGIN: z.url().optional(),
	DATA_DIR: z.string().min(1).default('.data'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
		.optional(),
	SUPABASE_URL: z.url().optional(),
	SUPABASE_ANON_KEY: z.string().min(20).optional(),
	SUPABASE_JWT_SECRET: z.string().min(32).optional(),
	// Encrypts secrets stored in the database (identity providers' client secrets).
	ERFA_ENCRYPTION_KEY: z.string().min(32).optional(),
	// Tests only: issuers on 127.0.0.1 may then be reached over plain http (see sso/client.ts).
	ERFA_SSO_ALLOW_HTTP_LOOPBACK: z.enum(['1']).optional(),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
		.optional(),
	// Internal: set by the launcher for the bundled PostgREST (its root URL, no /rest/v1).
	ERFA_REST_URL: z.url().optional(),
	ERFA_EMBEDDED_PG_PORT: port.default(54329),
	ERFA_POSTGREST_PORT: port.default(54330)
});

export type Config = z.infer<typeof schema> & { origin: string; dataDir: string };

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
	const parsed = schema.safeParse(cleaned);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
	}
	const c = parsed.data;
	if (c.SUPABASE_URL && !(c.SUPABASE_ANON_KEY && c.SUPABASE_JWT_SECRET)) {
		throw new ConfigError(
			'SUPABASE_URL is set: SUPABASE_ANON_KEY and SUPABASE_JWT_SECRET are needed as well.'
		);
	}
	if (c.SUPABASE_URL && !c.DATABASE_URL) {
		throw new ConfigError('SUPABASE_URL is set: DATABASE_URL must point at the same project.');
	}
	return {
		...c,
		origin: c.ORIGIN ?? `http://${c.HOST}:${c.PORT}`,
		dataDir: resolve(c.DATA_DIR)
	};
}
