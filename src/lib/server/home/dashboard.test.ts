import { beforeAll, describe, expect, it } from 'vitest';
import { inMyGroups } from '$lib/server/activity';
import { library } from '$lib/server/documents';
import { upcoming } from '$lib/server/events';
import { inbox } from '$lib/server/notifications';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as home from './index.ts';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildUser,
	type BuiltUser,
	buildEvent,
	buildExperience,
	buildResearch
} from '../testing/world.ts';

// The home page's own part in one call (public.home_dashboard): the same as the six calls it
// replaces, read as the caller, so a closed group's rows stay with its members.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let erik: BuiltUser;
let annaDb: Db;
let mine: { id: string; slug: string };
let closed: { id: string; slug: string };

async function notify(userId: string, groupId: string, title: string, minutesAgo: number) {
	await db.sql`insert into public.notifications (user_id, kind, group_id, actor_id, title, link, created_at)
		values (${userId}, 'thread_created', ${groupId}, ${erik.id}, ${title}, '/groups',
			now() - make_interval(mins => ${minutesAgo}))`;
}

/** What the page read before, one call at a time. */
async function separately(who: Db, userId: string) {
	const start = await home.start(who);
	const goals = start?.sdgInterests.length ? start.sdgInterests : null;
	const unread = await inbox.list(who, { unreadOnly: true });
	return {
		start,
		feed: await inMyGroups(who),
		news: await home.groupNews(who),
		documents: await home.myDocuments(who, userId),
		notifications: unread.rows.slice(0, 5),
		unread: unread.total,
		research: await home.recentResearch(who, goals, 4),
		tools: await library.newest(who, 4),
		events: await upcoming(who, { page: 1 }, 3)
	};
}

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna' });
	erik = await buildUser(db.sql, { name: 'Erik' });
	const researcher = await buildUser(db.sql, { role: 'researcher', organizationSlug: null });
	mine = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[anna.id, 'member'],
			[erik.id, 'coordinator']
		]
	});
	closed = await buildGroup(db.sql, { visibility: 'closed', members: [[erik.id, 'coordinator']] });
	// Tools and events for everyone, and a closed group's own tool and event.
	for (const [i, group] of [mine, closed].entries()) {
		await buildDocument(db.sql, group.id, {
			title: `Verktyg ${i}`,
			status: 'published',
			isPublic: i === 0
		});
	}
	for (const [i, groupId] of [null, closed.id, null, null, null].entries()) {
		await buildEvent(db.sql, {
			title: `Träff ${i}`,
			groupId,
			startsAt: new Date(Date.now() + (i + 1) * 86_400_000)
		});
	}
	annaDb = await forUser(db.rest, anna.id);
	for (const [i, group] of [mine, closed, mine].entries()) {
		await buildExperience(db.sql, group.id, erik.id, { title: `Erfarenhet ${i}` });
		const doc = await buildDocument(db.sql, group.id, { title: `Dokument ${i}` });
		await db.sql`insert into public.document_contributors (document_id, user_id, last_edited_at)
			values (${doc.id}, ${anna.id}, now() - make_interval(mins => ${i}))`;
	}
	for (let i = 0; i < 7; i++) await notify(anna.id, i === 3 ? closed.id : mine.id, `Notis ${i}`, i);
	for (const goal of [3, 13, 13, 7, 13, 2]) {
		await buildResearch(db.sql, {
			title: `Om mål ${goal}`,
			createdBy: researcher.id,
			sdg: [{ goal }]
		});
	}
});

describe('home.dashboard', () => {
	it('gives what the separate calls gave, newest first and cut to the page’s sizes', async () => {
		const board = await home.dashboard(annaDb);
		expect(board).toEqual(await separately(annaDb, anna.id));
		expect(board.notifications.map((n) => n.title)).toEqual([
			'Notis 0',
			'Notis 1',
			'Notis 2',
			'Notis 4',
			'Notis 5'
		]);
		expect(board.unread).toBe(6);
		expect(board.research).toHaveLength(4);
		expect(board.feed.length).toBeGreaterThan(0);
		expect(board.tools.map((t) => t.title)).toContain('Verktyg 0');
		expect(board.events).toHaveLength(3);
		expect(board.events[0]!.title).toBe('Träff 0');
	});

	it('picks research on the person’s goals once they have chosen some', async () => {
		await db.sql`update public.profiles set sdg_interests = '{13}' where id = ${anna.id}`;
		const board = await home.dashboard(annaDb);
		expect(board.research.map((r) => r.title)).toEqual(['Om mål 13', 'Om mål 13', 'Om mål 13']);
		expect(board).toEqual(await separately(annaDb, anna.id));
	});

	it('shows none of a closed group’s rows to someone outside it', async () => {
		const board = await home.dashboard(annaDb);
		const outside = (slug?: string | null) => slug === closed.slug;
		expect(board.feed.some((f) => outside(f.group.slug))).toBe(false);
		expect(board.news.map((n) => n.slug)).toEqual([mine.slug]);
		expect(board.documents.map((d) => d.title)).toEqual(['Dokument 0', 'Dokument 2']);
		expect(board.notifications.some((n) => outside(n.group?.slug))).toBe(false);
		// Erik, who is in both groups, sees the closed group's activity in the same call.
		const erikBoard = await home.dashboard(await forUser(db.rest, erik.id));
		expect(erikBoard.feed.some((f) => outside(f.group.slug))).toBe(true);
		expect(erikBoard.documents).toEqual([]);
		await expect(home.dashboard(anonymous(db.rest))).rejects.toThrow(/home/);
	});
});
