import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from './encryption.ts';
import { loadOrCreateSecrets } from './secrets.ts';

process.env.ERFA_ENCRYPTION_KEY = 'a-test-key-that-is-at-least-32-characters-long';

describe('stored secrets', () => {
	it('come back only with the same key and purpose, and not when altered', () => {
		const sealed = encrypt('client secret', 'idp');
		expect(sealed).not.toContain('client secret');
		expect(decrypt(sealed, 'idp')).toBe('client secret');
		expect(() => decrypt(sealed, 'other purpose')).toThrow();
		const [v, iv, tag, body] = sealed.split('.');
		const flipped = `${body![0] === 'A' ? 'B' : 'A'}${body!.slice(1)}`;
		expect(() => decrypt([v, iv, tag, flipped].join('.'), 'idp')).toThrow();
		process.env.ERFA_ENCRYPTION_KEY = 'another-key-that-is-at-least-32-characters-long';
		expect(() => decrypt(sealed, 'idp')).toThrow();
	});

	it('gets a generated key added to a secrets file from before the key existed', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'erfa-secrets-'));
		const old = {
			postgresPassword: 'p'.repeat(30),
			authenticatorPassword: 'a'.repeat(30),
			jwtSecret: 'j'.repeat(40)
		};
		await writeFile(join(dir, 'secrets.json'), JSON.stringify(old));
		const loaded = await loadOrCreateSecrets(dir);
		expect(loaded).toMatchObject(old);
		expect(loaded.encryptionKey.length).toBeGreaterThanOrEqual(32);
		const again = await loadOrCreateSecrets(dir);
		expect(again.encryptionKey).toBe(loaded.encryptionKey);
		expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8')).jwtSecret).toBe(
			old.jwtSecret
		);
	});
});
