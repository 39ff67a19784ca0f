import { beforeAll, describe, expect, it } from 'vitest';
import { forUser } from '$lib/server/platform';
import {
	buildGroup,
	buildMembership,
	buildUser,
	useTestDatabase,
	type BuiltUser
} from '../testing/world.ts';
import * as audience from './audience.ts';
import * as issues from './issues.ts';
import * as sending from './sending.ts';
import * as subscriptions from './subscriptions.ts';
import { unsubscribeToken } from './tokens.ts';
import type { Audience } from '$lib/newsletter/types';

// Segments: an issue goes to every subscriber or to those who match a chosen organization,
// county, goal or group; public subscribers only when chosen. The set is fixed when sending
// begins; unsubscribing still counts from the next batch; nobody gets an issue twice.

const db = useTestDatabase({ rest: true });
let admin: BuiltUser;
const people: Record<string, { id: string; subscriber: string }> = {};
let groupId: string;

async function member(key: string, org: string, goals: number[] = []) {
	const user = await buildUser(db.sql, { organizationSlug: org, name: `Medlem ${key}` });
	await db.sql`update public.profiles set sdg_interests = ${goals} where id = ${user.id}`;
	await subscriptions.setMember(db.sql, { id: user.id, locale: 'sv' }, true);
	const [row] =
		await db.sql`select id from public.newsletter_subscribers where user_id = ${user.id}`;
	people[key] = { id: user.id, subscriber: row!.id };
	return user;
}

async function publicSubscriber(key: string, email: string) {
	const asked = await subscriptions.request(db.sql, email, 'sv');
	if (asked.status !== 'sent') throw new Error('not sent');
	await subscriptions.confirm(db.sql, asked.token);
	const [row] = await db.sql`select id from public.newsletter_subscribers where email = ${email}`;
	people[key] = { id: '', subscriber: row!.id };
}

const county = async (slug: string) =>
	(await db.sql`select county from public.organizations where slug = ${slug}`)[0]!.county as string;
const segment = (choice: Partial<Exclude<Audience, { all: true }>>): Audience => ({
	public: false,
	organizations: [],
	counties: [],
	goals: [],
	groups: [],
	...choice
});
const orgId = async (slug: string) =>
	(await db.sql`select id from public.organizations where slug = ${slug}`)[0]!.id as string;

beforeAll(async () => {
	admin = await buildUser(db.sql, { role: 'admin' });
	await member('avesta', 'avesta');
	await member('ludvika', 'ludvika', [11]);
	const grouped = await member('orebro', 'orebro');
	groupId = (await buildGroup(db.sql)).id;
	await buildMembership(db.sql, { groupId, userId: grouped.id });
	await publicSubscriber('public', 'allman@example.test');
	// Subscribed with the public form, but the address is a member's: counted as that member.
	const filipstad = await buildUser(db.sql, {
		organizationSlug: 'filipstad',
		email: 'olle@filipstad.test'
	});
	await publicSubscriber('filipstad', 'olle@filipstad.test');
	people.filipstad!.id = filipstad.id;
});

async function draft(subject: string) {
	const saved = await issues.save(await forUser(db.rest, admin.id), admin.id, null, {
		subjectSv: subject,
		subjectEn: '',
		introSv: '<p>Hej!</p>',
		introEn: '',
		items: [{ kind: 'other', title: 'Något', summary: '', url: '/' }]
	});
	if (!saved.ok) throw new Error(saved.reason);
	return saved.id;
}

const reached = async (issueId: string) =>
	(
		await db.sql`select subscriber_id from public.newsletter_deliveries where issue_id = ${issueId}`
	).map((r) => r.subscriber_id as string);
const subscriber = (...keys: string[]) => keys.map((k) => people[k]!.subscriber).sort();

describe('the audience of an issue', () => {
	it('counts every subscriber, or those a segment matches, public ones only when chosen', async () => {
		expect(await audience.count(db.sql, { all: true })).toBe(5);
		expect(await audience.count(db.sql, segment({ organizations: [await orgId('avesta')] }))).toBe(
			1
		);
		const dalarna = await county('avesta');
		expect(await audience.count(db.sql, segment({ counties: [dalarna] }))).toBe(2); // Avesta, Ludvika
		expect(await audience.count(db.sql, segment({ goals: [11, 3] }))).toBe(1);
		expect(await audience.count(db.sql, segment({ groups: [groupId] }))).toBe(1);
		expect(await audience.count(db.sql, segment({ public: true }))).toBe(1);
		const filipstad = segment({ organizations: [await orgId('filipstad')] });
		expect(await audience.count(db.sql, filipstad)).toBe(1);
		expect(audience.isEmpty(segment({}))).toBe(true);
	});

	it('fixes the recipients when sending begins and sends each of them once', async () => {
		const id = await draft('Bara Dalarna och grupp');
		const choice = segment({ counties: [await county('avesta')], groups: [groupId] });
		expect(await sending.begin(db.sql, id, segment({}))).toEqual({
			ok: false,
			reason: 'no_audience'
		});
		expect(await sending.begin(db.sql, id, choice)).toEqual({ ok: true, recipients: 3 });
		// Someone who would match now, but did not when sending began, is not added.
		await member('late', 'avesta');
		await sending.sendBatch(db.sql, id, { size: 1 });
		// One of those not yet reached unsubscribes before the next batch.
		const first = await reached(id);
		expect(first).toHaveLength(1);
		const leaving = subscriber('avesta', 'ludvika', 'orebro').find((s) => !first.includes(s))!;
		await subscriptions.unsubscribe(db.sql, unsubscribeToken(leaving));
		// A restart: another process resumes the issue.
		await sending.resume(db.sql, { size: 1, pauseMs: 0 });
		const all = await reached(id);
		expect(all).toHaveLength(2);
		expect(new Set(all).size).toBe(2);
		expect(all).not.toContain(leaving);
		expect(all).not.toContain(people.late!.subscriber);
		expect(all).not.toContain(people.public!.subscriber);
		const [issue] = await db.sql`select i.status, a.audience from public.newsletter_issues i
			join erfa_private.newsletter_audiences a on a.issue_id = i.id where i.id = ${id}`;
		expect(issue).toMatchObject({ status: 'sent', audience: choice });
		expect(await sending.progress(db.sql, id)).toEqual({ queued: 2, remaining: 0 });
	});

	it('keeps the recipients and the chosen audience from every REST role', async () => {
		for (const table of ['newsletter_recipients', 'newsletter_audiences']) {
			for (const role of ['anon', 'authenticated']) {
				const read = db.sql.begin(async (tx) => {
					await tx.unsafe(`set local role ${role}`);
					return tx.unsafe(`select * from erfa_private.${table}`);
				});
				await expect(read).rejects.toThrow(/permission denied/);
			}
		}
	});
});
