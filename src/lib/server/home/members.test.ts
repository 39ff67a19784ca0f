import { describe, expect, it } from 'vitest';
import { anonymous } from '$lib/server/platform';
import { buildOrganization, useTestDatabase } from '../testing/world.ts';
import { membership } from './members.ts';

// The home page's member count is read once a minute, not on every page (issue 17).

const db = useTestDatabase({ rest: true });

describe('home: the member count', () => {
	it('counts member municipalities and regions, and sees a new member within a minute', async () => {
		const anon = anonymous(db.rest);
		const start = Date.now();
		const before = await membership(anon, start);
		await buildOrganization(db.sql, { kind: 'region', county: 'Testlän', isMember: true });
		await buildOrganization(db.sql, { kind: 'kommun', isMember: false });
		// Within the minute the kept answer serves; after it, the new member counts.
		expect(await membership(anon, start + 1_000)).toEqual(before);
		const after = await membership(anon, start + 61_000);
		expect(after.total).toBe(before.total + 1);
		expect(after.regioner).toBe(before.regioner + 1);
		expect(after.counties).toContain('Testlän');
	});
});
