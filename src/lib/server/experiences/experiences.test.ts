import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as experiences from './index.ts';
import {
	useTestDatabase,
	buildGroup,
	experienceInput as input,
	buildUser,
	type BuiltUser
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // author, member of the closed group
let carl: BuiltUser; // coordinator of the closed group
let erik: BuiltUser; // member of the closed group
let olle: BuiltUser; // member of neither group
let closed: { id: string; slug: string };
let open: { id: string; slug: string };
const as: Record<string, Db> = {};

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	carl = await buildUser(db.sql, { name: 'Carl Koordinator', organizationSlug: 'ludvika' });
	erik = await buildUser(db.sql, { name: 'Erik Berg', organizationSlug: 'ludvika' });
	olle = await buildUser(db.sql, { name: 'Olle Ek', organizationSlug: 'filipstad' });
	closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[anna.id, 'member'],
			[carl.id, 'coordinator'],
			[erik.id, 'member']
		]
	});
	open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'coordinator']] });
	for (const user of [anna, carl, erik, olle]) as[user.name] = await forUser(db.rest, user.id);
});

const visibleTo = async (user: BuiltUser, id: string) =>
	(await experiences.get(as[user.name]!, id)) !== null;

async function anonRows(table: string, id: string): Promise<unknown[]> {
	const res = await fetch(`${db.rest.restRoot}/${table}?id=eq.${id}`, {
		headers: { apikey: db.rest.anonKey, Authorization: `Bearer ${db.rest.anonKey}` }
	});
	const body = (await res.json()) as unknown;
	return Array.isArray(body) ? body : [];
}

async function draft(overrides = {}) {
	const result = await experiences.create(as['Anna Lind']!, anna.id, closed.id, input(overrides));
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.id;
}

describe('drafts and publishing in a closed group', () => {
	it('shows a draft only to its author and the coordinators', async () => {
		const id = await draft({ title: 'Ett utkast om bibliotek' });
		expect(await visibleTo(anna, id)).toBe(true);
		expect(await visibleTo(carl, id)).toBe(true);
		expect(await visibleTo(erik, id)).toBe(false);
		expect(await visibleTo(olle, id)).toBe(false);
		const list = (await experiences.listForGroup(as['Erik Berg']!, closed.id)).items;
		expect(list.map((e) => e.id)).not.toContain(id);
	});

	it('shows a published report to members but not to others, nor anonymously', async () => {
		const id = await draft({ title: 'Publicerad om integration' });
		expect(await experiences.publish(as['Anna Lind']!, id)).toBe('published');
		const [row] =
			await db.sql`select status, published_at from public.experiences where id = ${id}`;
		expect(row!.status).toBe('published');
		expect(row!.published_at).not.toBeNull();
		expect(await visibleTo(erik, id)).toBe(true);
		expect(await visibleTo(olle, id)).toBe(false);
		expect((await experiences.listForGroup(as['Olle Ek']!, closed.id)).items).toEqual([]);
		const anon = await anonymous(db.rest).from('experiences').select('id').eq('id', id);
		expect(anon.data ?? []).toEqual([]);
		expect(await anonRows('experiences', id)).toEqual([]);
		expect(await anonRows('experience_revisions', id)).toEqual([]);
	});

	it('publishes once however many requests try at the same time', async () => {
		const id = await draft({ title: 'Dubbelklick på publicera' });
		const outcomes = await Promise.all([
			experiences.publish(as['Anna Lind']!, id),
			experiences.publish(as['Anna Lind']!, id),
			experiences.update(as['Anna Lind']!, id, input({ title: 'Dubbelklick på publicera' }), {
				publish: true
			})
		]);
		const firsts = outcomes.filter(
			(o) => o === 'published' || (typeof o === 'object' && o.ok && o.published)
		);
		expect(firsts).toHaveLength(1);
	});

	it('shares a report with every signed-in member, still not anonymously', async () => {
		const id = await draft({ title: 'Delad med alla', sharedWithAll: true });
		expect(await visibleTo(olle, id)).toBe(false); // a shared draft stays a draft
		await experiences.publish(as['Anna Lind']!, id);
		expect(await visibleTo(olle, id)).toBe(true);
		const seen = (await experiences.listForGroup(as['Olle Ek']!, closed.id)).items;
		expect(seen.map((e) => e.id)).toEqual([id]);
		expect(await anonRows('experiences', id)).toEqual([]);
		expect(await experiences.setShared(as['Carl Koordinator']!, id, false)).toBe(true);
		expect(await visibleTo(olle, id)).toBe(false);
	});

	it('lets members of an open group and other signed-in people read, never anonymous callers', async () => {
		const result = await experiences.create(
			as['Anna Lind']!,
			anna.id,
			open.id,
			input({ title: 'Öppen grupp' }),
			{ publish: true }
		);
		if (!result.ok) throw new Error('not created');
		expect(result.published).toBe(true);
		expect(await visibleTo(olle, result.id)).toBe(true);
		expect(await anonRows('experiences', result.id)).toEqual([]);
	});
});

describe('editing', () => {
	it('keeps every version in the history, with the old content', async () => {
		const id = await draft({ title: 'Första rubriken' });
		const saved = await experiences.update(
			as['Carl Koordinator']!,
			id,
			input({ title: 'Andra rubriken', lessons: 'Nya lärdomar' })
		);
		expect(saved).toMatchObject({ ok: true });
		const history = await experiences.history(as['Anna Lind']!, id);
		expect(history.map((h) => [h.revision, h.title, h.editor?.name])).toEqual([
			[2, 'Andra rubriken', 'Carl Koordinator'],
			[1, 'Första rubriken', 'Anna Lind']
		]);
		const first = await experiences.revision(as['Anna Lind']!, id, 1);
		expect(first).toMatchObject({ title: 'Första rubriken', lessons: 'Börja rekrytera tidigt.' });
		const rows = await db.sql`select revision, data->>'lessons' as lessons
			from public.experience_revisions where experience_id = ${id} order by revision`;
		expect(rows.map((r) => r.lessons)).toEqual(['Börja rekrytera tidigt.', 'Nya lärdomar']);
	});

	it('records no version when only moderation fields change', async () => {
		const id = await draft({ title: 'Dold och synlig igen' });
		const hide = await as['Carl Koordinator']!.from('experiences')
			.update({ hidden_at: new Date().toISOString(), hidden_reason: 'Kontrolleras' })
			.eq('id', id);
		expect(hide.error).toBeNull();
		const rows = await db.sql`select e.revision, e.hidden_by, count(r.*)::int as versions
			from public.experiences e join public.experience_revisions r on r.experience_id = e.id
			where e.id = ${id} group by e.id`;
		expect(rows[0]).toEqual({ revision: 1, hidden_by: carl.id, versions: 1 });
	});

	it('does not let a member who is not the author edit', async () => {
		const id = await draft({ title: 'Annas egen text' });
		await experiences.publish(as['Anna Lind']!, id);
		const result = await experiences.update(
			as['Erik Berg']!,
			id,
			input({ title: 'Eriks ändring' })
		);
		expect(result).toEqual({ ok: false, reason: 'not_found' });
		expect(await experiences.setShared(as['Erik Berg']!, id, true)).toBe(false);
		const [row] =
			await db.sql`select title, shared_with_all, revision from public.experiences where id = ${id}`;
		expect(row).toEqual({ title: 'Annas egen text', shared_with_all: false, revision: 2 });
	});

	it('does not let a non-member write into a closed group', async () => {
		const result = await experiences.create(as['Olle Ek']!, olle.id, closed.id, input());
		expect(result).toEqual({ ok: false, reason: 'not_allowed' });
	});
});

describe('input', () => {
	it('refuses bad fields before they reach the database', async () => {
		const db = as['Anna Lind']!;
		const bad = (o: Partial<experiences.ExperienceInput>) =>
			experiences.create(db, anna.id, closed.id, input(o));
		expect(await bad({ title: '  x ' })).toMatchObject({ field: 'title' });
		expect(await bad({ periodStart: '2024-05-01', periodEnd: '2024-01-01' })).toMatchObject({
			field: 'periodEnd'
		});
		expect(await bad({ sdgTargets: ['18.1'] })).toMatchObject({ field: 'sdgTargets' });
		expect(await bad({ sdgTargets: ['4.z'] })).toMatchObject({ field: 'sdgTargets' });
		expect(await bad({ organizationId: crypto.randomUUID(), title: 'Okänd org' })).toEqual({
			ok: false,
			reason: 'unknown_organization'
		});
	});

	it('adds the goal of every chosen target', async () => {
		const id = await draft({
			title: 'Mål följer delmål',
			sdgGoals: [3],
			sdgTargets: ['11.a', '11.3']
		});
		const saved = await experiences.get(as['Anna Lind']!, id);
		expect(saved?.sdgGoals).toEqual([3, 11]);
		expect(saved?.sdgTargets).toEqual(['11.3', '11.a']);
	});

	it('stores a form sent twice at once as one report', async () => {
		const twice = input({ title: 'Skickad två gånger' });
		const [a, b] = await Promise.all([
			experiences.create(as['Anna Lind']!, anna.id, closed.id, twice),
			experiences.create(as['Anna Lind']!, anna.id, closed.id, twice)
		]);
		expect(a.ok && b.ok && a.id === b.id).toBe(true);
		const rows = await db.sql`select id from public.experiences where title = 'Skickad två gånger'`;
		expect(rows).toHaveLength(1);
	});
});

describe('listing', () => {
	it('pages through a long list, newest first, with the total', async () => {
		const group = await buildGroup(db.sql, {
			visibility: 'open',
			members: [[anna.id, 'coordinator']]
		});
		await db.sql`insert into public.experiences (group_id, author_id, title, summary, status, published_at)
			select ${group.id}, ${anna.id}, 'Erfarenhet ' || n, 'Kort', 'published', now() - n * interval '1 hour'
			from generate_series(1, 31) n`;
		const first = await experiences.listForGroup(as['Olle Ek']!, group.id, { status: 'published' });
		expect(first.total).toBe(31);
		expect(first.items).toHaveLength(experiences.PAGE_SIZE);
		expect(first.items[0]!.title).toBe('Erfarenhet 1');
		const second = await experiences.listForGroup(as['Olle Ek']!, group.id, {
			status: 'published',
			page: 2
		});
		expect(second.items.map((e) => e.title)).toEqual(['Erfarenhet 31']);
	});
});
