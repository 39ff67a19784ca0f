import { beforeAll, describe, expect, it } from 'vitest';
import { forUser } from '$lib/server/platform';
import * as feed from './feed.ts';
import { feedCalendar } from './ics.ts';
import {
	buildEvent,
	buildGroup,
	buildUser,
	useTestDatabase,
	type BuiltUser
} from '../testing/world.ts';

// The personal calendar feed: a secret token names its owner (only its hash is stored), and the
// feed holds their registrations and their groups' events, read as them.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;

beforeAll(async () => {
	anna = await buildUser(db.sql);
});

describe('the calendar feed', () => {
	it('knows its owner by token; a forged or replaced token names nobody', async () => {
		const token = await feed.renew(db.sql, anna.id);
		expect(await feed.ownerOf(db.sql, token)).toBe(anna.id);
		expect(await feed.ownerOf(db.sql, 'x'.repeat(43))).toBeNull();
		expect(await feed.ownerOf(db.sql, '../../etc/passwd')).toBeNull();
		const [stored] = await db.sql`select token_hash from erfa_private.calendar_feeds
			where user_id = ${anna.id}`;
		expect(stored!.token_hash).not.toContain(token);
		const next = await feed.renew(db.sql, anna.id);
		expect(await feed.ownerOf(db.sql, token)).toBeNull();
		expect(await feed.ownerOf(db.sql, next)).toBe(anna.id);
		await feed.revoke(db.sql, anna.id);
		expect(await feed.ownerOf(db.sql, next)).toBeNull();
	});

	it('holds the events one is registered for and one’s groups’ events, nothing else', async () => {
		const group = await buildGroup(db.sql, {
			visibility: 'closed',
			members: [[anna.id, 'member']]
		});
		const other = await buildGroup(db.sql, { visibility: 'closed' });
		const registered = await buildEvent(db.sql, { title: 'Anmäld' });
		await buildEvent(db.sql, { title: 'Gruppens', groupId: group.id });
		await buildEvent(db.sql, { title: 'Andras', groupId: other.id });
		await buildEvent(db.sql, { title: 'Offentlig men inte min' });
		await db.sql`insert into public.event_registrations (event_id, user_id, mode, status)
			values (${registered.id}, ${anna.id}, 'on_site', 'confirmed')`;
		const list = await feed.eventsFor(await forUser(db.rest, anna.id), anna.id);
		expect(list.map((e) => e.title).sort()).toEqual(['Anmäld', 'Gruppens']);
		const ics = feedCalendar(list, 'https://erfa.example', 'erfa.example', 'Erfa');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
	});
});
