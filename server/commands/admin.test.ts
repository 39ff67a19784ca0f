import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/platform/config.ts';
import { useTestDatabase, buildUser } from '../../src/lib/server/testing/world.ts';
import { run } from './admin.ts';

const db = useTestDatabase();

describe('npm run erfa -- admin:grant / admin:revoke', () => {
	it('makes the account with that address an administrator, and back', async () => {
		const user = await buildUser(db.sql, { email: 'forsta.admin@example.test' });
		const config = readConfig({ DATABASE_URL: db.url });
		expect(await run(config, 'admin:grant', ['Forsta.Admin@example.test'])).toBe(0);
		const [granted] = await db.sql`select role from public.profiles where id = ${user.id}`;
		expect(granted!.role).toBe('admin');
		expect(await run(config, 'admin:revoke', ['forsta.admin@example.test'])).toBe(0);
		const [revoked] = await db.sql`select role from public.profiles where id = ${user.id}`;
		expect(revoked!.role).toBe('member');
	});

	it('says so when no account has the address', async () => {
		const config = readConfig({ DATABASE_URL: db.url });
		expect(await run(config, 'admin:grant', ['ingen@example.test'])).toBe(1);
		expect(await run(config, 'admin:grant', [])).toBe(2);
	});
});
