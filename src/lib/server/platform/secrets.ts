import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { StartupError } from './ports.ts';

// Secrets for the bundled services, generated on first start and kept beside the data they
// protect, so a second start reuses them and nothing secret is ever committed.

const schema = z.object({
	postgresPassword: z.string().min(24),
	authenticatorPassword: z.string().min(24),
	jwtSecret: z.string().min(32),
	// Added later than the others: an older file without it gets one on the next start.
	encryptionKey: z.string().min(32).optional()
});
export type LocalSecrets = Required<z.infer<typeof schema>>;

const token = () => randomBytes(32).toString('base64url');

export async function loadOrCreateSecrets(dataDir: string): Promise<LocalSecrets> {
	const file = join(dataDir, 'secrets.json');
	try {
		const found = schema.parse(JSON.parse(await readFile(file, 'utf8')));
		if (found.encryptionKey) return { ...found, encryptionKey: found.encryptionKey };
		const completed = { ...found, encryptionKey: token() };
		await writeFile(file, JSON.stringify(completed, null, 2), { mode: 0o600 });
		return completed;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			throw new StartupError(
				`${file} is unreadable or damaged. It holds the database passwords: restore it from a ` +
					'backup, or move it away together with the postgres folder beside it to start afresh.',
				{ cause: error }
			);
		}
	}
	const secrets: LocalSecrets = {
		postgresPassword: token(),
		authenticatorPassword: token(),
		jwtSecret: token(),
		encryptionKey: token()
	};
	await mkdir(dataDir, { recursive: true });
	await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
	return secrets;
}
