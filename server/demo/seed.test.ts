import { beforeAll, describe, expect, it } from 'vitest';
import * as accounts from '../../src/lib/server/people/accounts.ts';
import { useTestDatabase } from '../../src/lib/server/testing/world.ts';
import * as store from '../../src/lib/server/documents/store.ts';
import { plainText, toJSON } from '../../src/lib/server/documents/content.ts';
import { demoDocumentIds } from './documents.ts';
import { CONFERENCE_TITLE } from './events.ts';
import { DEMO_PASSWORD, seedDemo } from './seed.ts';

const db = useTestDatabase();
beforeAll(async () => {
	await seedDemo(db.url);
	await seedDemo(db.url); // idempotent
});

const membership = async (email: string) =>
	db.sql`select g.slug, m.role from public.group_members m
		join public.groups g on g.id = m.group_id
		join public.accounts a on a.user_id = m.user_id
		where a.email = ${email} order by g.slug`;

describe('demo dataset (shared/contract.md)', () => {
	it('has the five demo people, who can log in with the demo password', async () => {
		const rows =
			await db.sql`select a.email, p.role from public.accounts a join public.profiles p on p.id = a.user_id order by a.email`;
		expect(rows.map((r) => r.email)).toEqual([
			'admin@erfa.test',
			'anna.lind@avesta.test',
			'erik.berg@ludvika.test',
			'olle.ek@filipstad.test',
			'sara.holm@oru.test'
		]);
		expect(rows.find((r) => r.email === 'admin@erfa.test')!.role).toBe('admin');
		const login = await accounts.login(db.sql, 'olle.ek@filipstad.test', DEMO_PASSWORD, {
			ip: '127.0.0.9',
			userAgent: null,
			locale: 'sv'
		});
		expect(login.kind).toBe('ok');
	});

	it('puts people in the groups the contract names', async () => {
		expect(await membership('anna.lind@avesta.test')).toEqual([
			{ slug: 'attraktivitet', role: 'coordinator' },
			{ slug: 'kompetensforsorjning', role: 'member' }
		]);
		expect(await membership('erik.berg@ludvika.test')).toEqual([
			{ slug: 'attraktivitet', role: 'member' }
		]);
		expect(await membership('olle.ek@filipstad.test')).toEqual([]);
		const groups = await db.sql`select slug, visibility,
			(select count(*)::int from public.experiences e where e.group_id = g.id and e.status = 'published') as experiences,
			(select count(*)::int from public.threads t where t.group_id = g.id) as threads
			from public.groups g order by slug`;
		expect(groups).toEqual([
			{ slug: 'attraktivitet', visibility: 'open', experiences: 1, threads: 1 },
			{ slug: 'kompetensforsorjning', visibility: 'closed', experiences: 1, threads: 1 }
		]);
	});

	it('gives each group a co-edited document whose text is stored as Yjs state', async () => {
		const rows = await db.sql`select d.id, g.slug, d.status, d.is_public,
			(select count(*)::int from public.document_contributors c where c.document_id = d.id) as authors
			from public.documents d join public.groups g on g.id = d.group_id order by g.slug`;
		expect(rows).toEqual([
			{
				id: demoDocumentIds.attraktivitet,
				slug: 'attraktivitet',
				status: 'published',
				is_public: true,
				authors: 2
			},
			{
				id: demoDocumentIds.kompetensforsorjning,
				slug: 'kompetensforsorjning',
				status: 'draft',
				is_public: false,
				authors: 2
			}
		]);
		const { state } = await store.load(db.sql, demoDocumentIds.attraktivitet);
		const text = plainText(toJSON(store.toDoc(state)));
		expect(text).toContain('Modell för välkomstsamtal');
		expect(text).toContain('Rutin för att förmedla jobbkontakter');
		const [stored] =
			await db.sql`select content_text from public.documents where id = ${demoDocumentIds.attraktivitet}`;
		expect(stored!.content_text).toBe(text);
	});

	it('has research by Sara linked to SDG 8 and SDG 11, one record linked to attraktivitet', async () => {
		const rows = await db.sql`select r.title, r.goals, r.link_count from public.research r
			join public.accounts a on a.user_id = r.created_by where a.email = 'sara.holm@oru.test'`;
		expect(rows.length).toBeGreaterThanOrEqual(2);
		expect(rows.some((r) => r.goals.includes(8))).toBe(true);
		expect(rows.some((r) => r.goals.includes(11))).toBe(true);
		expect(rows.filter((r) => r.link_count === 1)).toHaveLength(1);
	});

	it('has the upcoming conference Bergslagen 2030 and a past seminar, each once', async () => {
		const rows = await db.sql`select title, starts_at > now() as upcoming, visibility
			from public.events order by starts_at`;
		const upcoming = rows.filter((r) => r.upcoming);
		expect(upcoming.map((r) => r.title)).toContain(CONFERENCE_TITLE);
		expect(rows.filter((r) => r.title === CONFERENCE_TITLE)).toHaveLength(1);
		expect(rows.filter((r) => !r.upcoming).length).toBeGreaterThanOrEqual(1);
		expect(rows.every((r) => r.visibility === 'public')).toBe(true);
	});
});
