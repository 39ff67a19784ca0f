import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import * as moderation from './index.ts';
import {
	useTestDatabase,
	buildUser,
	type BuiltUser,
	buildGroup,
	buildExperience,
	buildThread,
	buildReply
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let coordinator: BuiltUser & { role: string };
let author: BuiltUser & { role: string };
let member: BuiltUser & { role: string };
let outsider: BuiltUser & { role: string };
let admin: BuiltUser & { role: string };
let group: string;
let experience: string;
let thread: string;
let reply: string;
const as = (user: BuiltUser): Promise<Db> => forUser(db.rest, user.id);
const person = async (role: 'member' | 'admin' = 'member') => ({
	...(await buildUser(db.sql, { role })),
	role
});

beforeAll(async () => {
	[coordinator, author, member, outsider] = await Promise.all([
		person(),
		person(),
		person(),
		person()
	]);
	admin = await person('admin');
	group = (
		await buildGroup(db.sql, {
			slug: 'stangd',
			name: 'Stängd grupp',
			visibility: 'closed',
			members: [
				[coordinator.id, 'coordinator'],
				[author.id, 'member'],
				[member.id, 'member']
			]
		})
	).id;
	experience = (
		await buildExperience(db.sql, group, author.id, {
			title: 'Vår medborgarbudget',
			summary: 'Vi prövade **medborgarbudget** i tre byar.'
		})
	).id;
	thread = (
		await buildThread(db.sql, group, author.id, {
			title: 'Hur gör ni?',
			body: 'Fråga om upphandling'
		})
	).id;
	reply = (await buildReply(db.sql, thread, member.id, { body: 'Ring mig på 070-123 45 67' })).id;
});

const exp = () => ({ type: 'experience' as const, id: experience });

describe('reporting', () => {
	it('files one open report per person and post, however often they submit', async () => {
		const asMember = await as(member);
		const input = {
			reporterId: member.id,
			target: exp(),
			groupId: group,
			reason: 'Felaktiga uppgifter'
		};
		const results = await Promise.all([
			moderation.report(asMember, input),
			moderation.report(asMember, input)
		]);
		expect(results.sort()).toEqual(['already_reported', 'reported']);
		expect(await moderation.report(asMember, input)).toBe('already_reported');
		const rows = await db.sql`select reporter_id, group_id, status from public.moderation_reports
			where target_id = ${experience}`;
		expect(rows).toEqual([{ reporter_id: member.id, group_id: group, status: 'open' }]);
	});

	it('refuses posts the reporter cannot see, and reports pointed at another group', async () => {
		const input = { reporterId: outsider.id, target: exp(), reason: 'Jag ser inte ens detta' };
		expect(await moderation.report(await as(outsider), input)).toBe('not_found');
		const wrongGroup = { ...input, reporterId: author.id, groupId: crypto.randomUUID() };
		expect(await moderation.report(await as(author), wrongGroup)).toBe('not_found');
		const rows = await db.sql`select 1 from public.moderation_reports
			where reporter_id in (${outsider.id}, ${author.id})`;
		expect(rows).toHaveLength(0);
	});

	it('shows the queue to coordinators with an excerpt and a link, and keeps it from outsiders', async () => {
		const queue = await moderation.queue(await as(coordinator), group);
		expect(queue).toHaveLength(1);
		expect(queue[0]!.content).toMatchObject({
			title: 'Vår medborgarbudget',
			excerpt: 'Vi prövade medborgarbudget i tre byar.',
			link: `/groups/stangd/experiences/${experience}`,
			authorName: author.name
		});
		expect(queue[0]!.reports.map((r) => r.reason)).toEqual(['Felaktiga uppgifter']);
		expect(await moderation.queue(await as(admin), null)).toHaveLength(1);
		expect(await moderation.queue(await as(outsider), null)).toEqual([]);
		const anon = await fetch(`${db.rest.restRoot}/moderation_reports?select=reason`, {
			headers: { apikey: db.rest.anonKey, Authorization: `Bearer ${db.rest.anonKey}` }
		});
		expect(JSON.stringify(await anon.json())).not.toContain('Felaktiga');
	});
});

describe('hiding', () => {
	it('is refused to members, the author included, by the module and by the database', async () => {
		expect(await moderation.hide(await as(member), exp(), 'Jag vill dölja', member)).toBe(
			'forbidden'
		);
		expect(await moderation.hide(await as(author), exp(), 'Min egen', author)).toBe('forbidden');
		// Straight through supabase-js, past the module's own check: the guard trigger refuses.
		const direct = await (
			await as(author)
		)
			.from('threads')
			.update({ hidden_at: new Date().toISOString(), hidden_reason: 'x' })
			.eq('id', thread)
			.select('id');
		expect(direct.error?.code).toBe('42501');
		const rows = await db.sql`select hidden_at from public.experiences where id = ${experience}
			union all select hidden_at from public.threads where id = ${thread}`;
		expect(rows.map((r) => r.hidden_at)).toEqual([null, null]);
	});

	it('by a coordinator keeps the reason, settles the reports and tells the author', async () => {
		const reason = 'Innehåller personuppgifter';
		expect(await moderation.hide(await as(coordinator), exp(), reason, coordinator)).toBe('hidden');
		expect(await moderation.hide(await as(coordinator), exp(), reason, coordinator)).toBe(
			'already_hidden'
		);
		const [row] = await db.sql`select hidden_by, hidden_reason from public.experiences
			where id = ${experience}`;
		expect(row).toEqual({ hidden_by: coordinator.id, hidden_reason: reason });
		const reports = await db.sql`select status, resolved_by from public.moderation_reports
			where target_id = ${experience}`;
		expect(reports).toEqual([{ status: 'resolved', resolved_by: coordinator.id }]);
		const told = await db.sql`select user_id, kind, title, link from public.notifications
			where kind = 'content_hidden'`;
		expect(told).toEqual([
			{
				user_id: author.id,
				kind: 'content_hidden',
				title: `Ditt inlägg ”Vår medborgarbudget” doldes av en moderator: ${reason}`,
				link: `/groups/stangd/experiences/${experience}`
			}
		]);
	});

	it('leaves the post visible with its reason to the author, and gone for other members', async () => {
		const seenByAuthor = await (
			await as(author)
		)
			.from('experiences')
			.select('id, hidden_reason')
			.eq('id', experience);
		expect(seenByAuthor.data).toEqual([
			{ id: experience, hidden_reason: 'Innehåller personuppgifter' }
		]);
		const seenByMember = await (
			await as(member)
		)
			.from('experiences')
			.select('id')
			.eq('id', experience);
		expect(seenByMember.error).toBeNull();
		expect(seenByMember.data).toEqual([]);
		expect((await moderation.content(await as(coordinator), exp()))?.hiddenAt).not.toBeNull();
	});

	it('of a thread takes its replies with it for other members; showing it again brings all back', async () => {
		const target = { type: 'thread' as const, id: thread };
		expect(await moderation.hide(await as(admin), target, 'Dubblett', admin)).toBe('hidden');
		const asMember = await as(member);
		expect((await asMember.from('threads').select('id').eq('id', thread)).data).toEqual([]);
		expect((await asMember.from('replies').select('id').eq('id', reply)).data).toEqual([]);
		// Hidden from them, so there is nothing they could show again.
		expect(await moderation.unhide(await as(member), target, member)).toBe('not_found');
		expect(await moderation.unhide(await as(author), target, author)).toBe('forbidden');
		expect(await moderation.unhide(await as(coordinator), target, coordinator)).toBe('unhidden');
		expect((await asMember.from('replies').select('id').eq('id', reply)).data).toHaveLength(1);
	});

	it('of a reply links the author to the reply in its thread', async () => {
		const target = { type: 'reply' as const, id: reply };
		expect(await moderation.hide(await as(coordinator), target, 'Telefonnummer', coordinator)).toBe(
			'hidden'
		);
		const [told] = await db.sql`select link from public.notifications
			where user_id = ${member.id} and kind = 'content_hidden'`;
		expect(told!.link).toBe(`/groups/stangd/discussions/${thread}#reply-${reply}`);
		expect(
			(await (await as(member)).from('replies').select('hidden_reason').eq('id', reply)).data
		).toEqual([{ hidden_reason: 'Telefonnummer' }]);
		expect((await (await as(author)).from('replies').select('id').eq('id', reply)).data).toEqual(
			[]
		);
	});
});

describe('settling reports', () => {
	it('dismisses once; a second moderator at the same moment is told it is already done', async () => {
		const target = { type: 'thread' as const, id: thread };
		await moderation.report(await as(member), {
			reporterId: member.id,
			target,
			reason: 'Fel grupp'
		});
		const [asCoordinator, asAdmin] = await Promise.all([as(coordinator), as(admin)]);
		const results = await Promise.all([
			moderation.dismiss(asCoordinator, coordinator, target, group),
			moderation.dismiss(asAdmin, admin, target, null)
		]);
		expect(results.sort()).toEqual(['already_decided', 'done']);
		expect(await moderation.queue(asCoordinator, group)).toEqual([]);
		expect(await moderation.dismiss(await as(member), member, target)).toBe('already_decided');
	});
});
