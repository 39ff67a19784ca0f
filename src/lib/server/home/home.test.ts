import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { NEWS_COUNT_CAP } from '$lib/home/news';
import * as home from './home.ts';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildUser,
	type BuiltUser,
	buildExperience,
	buildResearch
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let erik: BuiltUser;
let annaDb: Db;
let group: { id: string; slug: string };

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna' });
	erik = await buildUser(db.sql, { name: 'Erik' });
	group = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[anna.id, 'coordinator'],
			[erik.id, 'member']
		]
	});
	annaDb = await forUser(db.rest, anna.id);
});

const publish = (author: string, title: string) =>
	buildExperience(db.sql, group.id, author, { title });

describe('home: news in my groups', () => {
	it("counts others' new experiences since my last visit, and none after I look again", async () => {
		await home.visited(annaDb, anna.id, group.id);
		await publish(erik.id, 'Nytt från Erik');
		await publish(anna.id, 'Mitt eget');
		let [news] = await home.groupNews(annaDb);
		expect(news).toMatchObject({ slug: group.slug, experiences: 1 });
		await home.visited(annaDb, anna.id, group.id);
		[news] = await home.groupNews(annaDb);
		expect(news!.experiences).toBe(0);
	});

	it('stops counting at 100 of a kind, the page saying "more than 99"', async () => {
		await home.visited(annaDb, anna.id, group.id);
		await db.sql`
			insert into public.experiences (group_id, author_id, title, summary, status, published_at)
			select ${group.id}, ${erik.id}, 'Nyhet ' || n, 'Sammanfattning.', 'published',
				now() + n * interval '1 second'
			from generate_series(1, ${NEWS_COUNT_CAP + 1}) n`;
		const [news] = await home.groupNews(annaDb);
		expect(news!.experiences).toBe(NEWS_COUNT_CAP);
		await home.visited(annaDb, anna.id, group.id);
	});

	it('lists the documents I write, newest edit first', async () => {
		const older = await buildDocument(db.sql, group.id, { title: 'Äldre dokument' });
		const newer = await buildDocument(db.sql, group.id, { title: 'Nyare dokument' });
		await db.sql`insert into public.document_contributors (document_id, user_id, last_edited_at) values
			(${older.id}, ${anna.id}, now() - interval '2 days'), (${newer.id}, ${anna.id}, now())`;
		const mine = await home.myDocuments(annaDb, anna.id);
		expect(mine.map((d) => d.title)).toEqual(['Nyare dokument', 'Äldre dokument']);
	});
});

describe('home: research for my goals', () => {
	it('lists only research on the goals in my profile, and the newest when I have none', async () => {
		const researcher = await buildUser(db.sql, { role: 'researcher', organizationSlug: null });
		const on = (goal: number, title: string) =>
			buildResearch(db.sql, {
				title,
				visibility: 'public',
				createdBy: researcher.id,
				sdg: [{ goal }]
			});
		await on(3, 'Om hälsa');
		await on(13, 'Om klimatet');
		await db.sql`update public.profiles set sdg_interests = '{13}' where id = ${anna.id}`;
		const goals = await home.sdgInterests(annaDb, anna.id);
		expect(goals).toEqual([13]);
		expect((await home.recentResearch(annaDb, goals)).map((r) => r.title)).toEqual(['Om klimatet']);
		const all = (await home.recentResearch(annaDb, null)).map((r) => r.title);
		expect(all).toEqual(expect.arrayContaining(['Om hälsa', 'Om klimatet']));
	});
});

describe('home: the get-started checklist', () => {
	it('stays hidden once I dismiss it, for me only, and dismissing twice is harmless', async () => {
		const erikDb = await forUser(db.rest, erik.id);
		expect(await home.checklistDismissed(annaDb, anna.id)).toBe(false);
		await home.dismissChecklist(annaDb, anna.id);
		await home.dismissChecklist(annaDb, anna.id);
		expect(await home.checklistDismissed(annaDb, anna.id)).toBe(true);
		expect(await home.checklistDismissed(erikDb, erik.id)).toBe(false);
		// Row-level security: Erik can neither see nor write Anna's choice.
		expect(await home.checklistDismissed(erikDb, anna.id)).toBe(false);
		await expect(home.dismissChecklist(erikDb, anna.id)).rejects.toThrow();
	});

	it('reads the checklist in one call: each person their own, signed out nothing', async () => {
		const erikDb = await forUser(db.rest, erik.id);
		await db.sql`update public.profiles set title = 'Samordnare', sdg_interests = '{11}' where id = ${anna.id}`;
		await home.dismissChecklist(annaDb, anna.id);
		expect(await home.start(annaDb)).toMatchObject({
			name: 'Anna',
			title: 'Samordnare',
			sdgInterests: [11],
			dismissed: true
		});
		// Erik (in the same group) gets his own row, none of Anna's.
		expect(await home.start(erikDb)).toMatchObject({ name: 'Erik', title: null, dismissed: false });
		expect((await home.start(erikDb))?.sdgInterests).toEqual([]);
		const outsider = await buildUser(db.sql, { name: 'Olle' });
		expect(await home.start(await forUser(db.rest, outsider.id))).toMatchObject({
			name: 'Olle',
			dismissed: false
		});
		await expect(home.start(anonymous(db.rest))).rejects.toThrow(/home/);
	});
});
