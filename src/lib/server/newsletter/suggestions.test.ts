import { describe, expect, it } from 'vitest';
import { forUser } from '$lib/server/platform';
import { useTestDatabase, buildEvent, buildUser } from '../testing/world.ts';
import * as suggestions from './suggestions.ts';

const db = useTestDatabase({ rest: true });

describe('suggestions for the next issue', () => {
	it('offer the documentation of public meetings held since, not undocumented ones', async () => {
		const editor = await buildUser(db.sql, { role: 'admin' });
		const day = 86_400_000;
		const held = await buildEvent(db.sql, {
			title: 'Bergslagen 2030 – årskonferens',
			startsAt: new Date(Date.now() - 2 * day),
			endsAt: new Date(Date.now() - 2 * day + 6 * 3_600_000)
		});
		const bare = await buildEvent(db.sql, {
			title: 'Träff utan dokumentation',
			startsAt: new Date(Date.now() - 3 * day)
		});
		const members = await buildEvent(db.sql, {
			title: 'Intern träff',
			visibility: 'members',
			startsAt: new Date(Date.now() - 3 * day)
		});
		const session = async (eventId: string, at: number, summary: string) =>
			db.sql`insert into public.event_sessions (event_id, title, starts_at, ends_at, summary)
				values (${eventId}, 'Programpunkt', ${new Date(at)}, ${new Date(at + 3_600_000)}, ${summary})`;
		const start = Date.now() - 2 * day;
		await session(held.id, start, 'Vi gick igenom årets erfarenheter.');
		await session(held.id, start + 3_600_000, 'Panelsamtal om kompetens.');
		await session(held.id, start + 7_200_000, '');
		await session(bare.id, Date.now() - 3 * day, '');
		await session(members.id, Date.now() - 3 * day, 'Bara för medlemmar.');

		const { items } = await suggestions.gather(await forUser(db.rest, editor.id));
		const documentation = items.filter((i) => i.kind === 'documentation');
		expect(documentation).toEqual([
			{
				kind: 'documentation',
				title: 'Bergslagen 2030 – årskonferens',
				summary: '2 programpunkter dokumenterade',
				url: `/events/${held.id}/programme`
			}
		]);
	});
});
