import { beforeAll, describe, expect, it } from 'vitest';
import * as groups from './index.ts';
import { forUser } from '$lib/server/platform';
import {
	useTestDatabase,
	buildUser,
	type BuiltUser,
	buildGroup,
	buildMembership,
	buildTheme
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let erik: BuiltUser;
let olle: BuiltUser;
let admin: BuiltUser;
let themeId: string;

const valid = (over: Partial<groups.GroupInput & { slug: string }> = {}) => ({
	slug: 'kompetens',
	name: 'Kompetensförsörjning',
	description: 'Hur vi **rekryterar**.',
	themeId: null,
	sdgGoals: [8, 4, 8],
	visibility: 'open' as const,
	...over
});

async function activeGroup(slug: string, visibility: 'open' | 'closed', coordinator: string) {
	const group = await buildGroup(db.sql, {
		slug,
		visibility,
		themeId,
		sdgGoals: [11],
		members: [[coordinator, 'coordinator']]
	});
	return group.id;
}

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind', organizationSlug: 'avesta' });
	erik = await buildUser(db.sql, { name: 'Erik Berg', organizationSlug: 'ludvika' });
	olle = await buildUser(db.sql, { name: 'Olle Ek', organizationSlug: 'filipstad' });
	admin = await buildUser(db.sql, { name: 'Maria Admin', role: 'admin' });
	const theme = await buildTheme(db.sql, {
		slug: 'attraktivitet',
		name: 'Attraktivitet',
		startYear: 2018
	});
	themeId = theme.id;
});

describe('groups.propose', () => {
	it('stores a proposal only its proposer and administrators can see', async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const result = await groups.propose(asAnna, anna.id, valid());
		expect(result.ok).toBe(true);
		const [row] = await db.sql`select status, proposed_by, sdg_goals, visibility
			from public.groups where slug = 'kompetens'`;
		expect(row).toEqual({
			status: 'proposed',
			proposed_by: anna.id,
			sdg_goals: [4, 8],
			visibility: 'open'
		});
		expect(await groups.bySlug(asAnna, 'kompetens')).not.toBeNull();
		expect(await groups.bySlug(await forUser(db.rest, erik.id), 'kompetens')).toBeNull();
		expect(await groups.bySlug(await forUser(db.rest, admin.id), 'kompetens')).not.toBeNull();
	});

	it('answers a taken slug recognisably and stores nothing', async () => {
		const asErik = await forUser(db.rest, erik.id);
		const result = await groups.propose(asErik, erik.id, valid({ name: 'Annan grupp' }));
		expect(result).toEqual({ ok: false, reason: 'slug_taken' });
		const rows = await db.sql`select proposed_by from public.groups where slug = 'kompetens'`;
		expect(rows.map((r) => r.proposed_by)).toEqual([anna.id]);
		const erikRows = await db.sql`select 1 from public.groups where proposed_by = ${erik.id}`;
		expect(erikRows).toHaveLength(0);
	});

	it('refuses bad input, an unknown theme and proposing in someone else’s name', async () => {
		const asErik = await forUser(db.rest, erik.id);
		expect(await groups.propose(asErik, erik.id, valid({ slug: 'Bad Slug' }))).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await groups.propose(asErik, erik.id, valid({ slug: 'x', sdgGoals: [18] }))).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(
			await groups.propose(asErik, erik.id, valid({ slug: 'y', themeId: crypto.randomUUID() }))
		).toEqual({ ok: false, reason: 'unknown_theme' });
		expect(await groups.propose(asErik, anna.id, valid({ slug: 'z' }))).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		const rows = await db.sql`select slug from public.groups where slug in ('x', 'y', 'z')`;
		expect(rows).toHaveLength(0);
	});
});

describe('groups.decide', () => {
	async function proposal(slug: string, by: BuiltUser) {
		const result = await groups.propose(await forUser(db.rest, by.id), by.id, valid({ slug }));
		if (!result.ok) throw new Error(result.reason);
		return result.group.id;
	}

	it('does not let a non-administrator approve, not even a coordinator of another group', async () => {
		const id = await proposal('vill-bli-grupp', olle);
		await activeGroup('annan', 'open', erik.id);
		for (const who of [olle, erik]) {
			const db2 = await forUser(db.rest, who.id);
			const result = await groups.decide(db2, db.sql, {
				groupId: id,
				approve: true,
				note: null,
				actorId: who.id
			});
			expect(['forbidden', 'not_found']).toContain(result);
		}
		const [row] = await db.sql`select status from public.groups where id = ${id}`;
		expect(row!.status).toBe('proposed');
		expect(await db.sql`select 1 from public.group_members where group_id = ${id}`).toHaveLength(0);
	});

	it('refuses a coordinator changing their own group’s status directly (42501)', async () => {
		const id = await activeGroup('arkivera-mig', 'open', erik.id);
		const asErik = await forUser(db.rest, erik.id);
		const { error } = await asErik.from('groups').update({ status: 'archived' }).eq('id', id);
		expect(error?.code).toBe('42501');
	});

	it('approving makes the proposer coordinator and tells them; a second decision is "already decided"', async () => {
		const id = await proposal('godkand', olle);
		const asAdmin = await forUser(db.rest, admin.id);
		const input = { groupId: id, approve: true, note: 'Välkommen!', actorId: admin.id };
		expect(await groups.decide(asAdmin, db.sql, input)).toBe('approved');
		expect(await groups.decide(asAdmin, db.sql, { ...input, approve: false })).toBe(
			'already_decided'
		);
		const members =
			await db.sql`select user_id, role from public.group_members where group_id = ${id}`;
		expect(members).toEqual([{ user_id: olle.id, role: 'coordinator' }]);
		const notes =
			await db.sql`select kind, link from public.notifications where user_id = ${olle.id}`;
		expect(notes).toEqual([{ kind: 'group_approved', link: '/groups/godkand' }]);
	});

	it('declining keeps the note for the proposer and makes nobody coordinator', async () => {
		const id = await proposal('avbojd', olle);
		const asAdmin = await forUser(db.rest, admin.id);
		const result = await groups.decide(asAdmin, db.sql, {
			groupId: id,
			approve: false,
			note: 'Finns redan som grupp.',
			actorId: admin.id
		});
		expect(result).toBe('declined');
		const mine = await groups.myProposals(await forUser(db.rest, olle.id), olle.id);
		const declined = mine.find((g) => g.id === id);
		expect(declined).toMatchObject({ status: 'declined', decisionNote: 'Finns redan som grupp.' });
		expect(await db.sql`select 1 from public.group_members where group_id = ${id}`).toHaveLength(0);
		expect(await groups.proposals(asAdmin)).not.toContainEqual(expect.objectContaining({ id }));
	});
});

describe('groups.list', () => {
	it('filters by theme, goal, visibility and membership, hiding closed groups’ members', async () => {
		const open = await activeGroup('lista-oppen', 'open', anna.id);
		const closed = await activeGroup('lista-sluten', 'closed', erik.id);
		await buildMembership(db.sql, { groupId: open, userId: erik.id });
		const outsider = await buildUser(db.sql, { organizationSlug: 'hofors' });
		const asOutsider = await forUser(db.rest, outsider.id);
		const viewer = { id: outsider.id, admin: false };
		const all = await groups.list(asOutsider, {}, viewer);
		const byId = new Map(all.map((g) => [g.id, g]));
		expect(byId.get(open)).toMatchObject({
			memberCount: 2,
			municipalities: ['Avesta kommun', 'Ludvika kommun'],
			myRole: null,
			theme: { slug: 'attraktivitet', name: 'Attraktivitet' }
		});
		expect(byId.get(closed)).toMatchObject({ memberCount: null, municipalities: null });
		expect(all.every((g) => g.status === 'active' || g.status === 'archived')).toBe(true);

		const closedOnly = await groups.list(asOutsider, { visibility: 'closed' }, viewer);
		expect(closedOnly.map((g) => g.id)).toContain(closed);
		expect(closedOnly.map((g) => g.id)).not.toContain(open);
		const byTheme = await groups.list(asOutsider, { theme: 'attraktivitet', sdg: 11 }, viewer);
		expect(byTheme.map((g) => g.id)).toEqual(expect.arrayContaining([open, closed]));
		expect(await groups.list(asOutsider, { theme: 'finns-inte' }, viewer)).toEqual([]);
		expect(await groups.list(asOutsider, { sdg: 3 }, viewer)).toEqual([]);
		expect(await groups.list(asOutsider, { mine: true }, viewer)).toEqual([]);

		const asErik = await forUser(db.rest, erik.id);
		const erikMine = await groups.list(asErik, { mine: true }, { id: erik.id, admin: false });
		expect(erikMine.find((g) => g.id === closed)).toMatchObject({
			myRole: 'coordinator',
			memberCount: 1,
			municipalities: ['Ludvika kommun']
		});
		expect(erikMine.find((g) => g.id === open)?.myRole).toBe('member');
	});

	it('counts no deactivated people, and tells an outsider nothing about a closed group', async () => {
		const open = await activeGroup('lista-avstangd', 'open', anna.id);
		const closed = await activeGroup('lista-stangd', 'closed', anna.id);
		const gone = await buildUser(db.sql, { organizationSlug: 'hofors', deactivated: true });
		await buildMembership(db.sql, { groupId: open, userId: gone.id });
		const outsider = await buildUser(db.sql);
		const rows = await (
			await forUser(db.rest, outsider.id)
		)
			.from('group_participation')
			.select('group_id, member_count, municipalities')
			.in('group_id', [open, closed]);
		expect(rows.data).toEqual([
			{ group_id: open, member_count: 1, municipalities: ['Avesta kommun'] }
		]);
	});
});

describe('groups.update', () => {
	it('lets a coordinator edit the group and nobody else', async () => {
		const id = await activeGroup('redigera', 'open', anna.id);
		const input = { ...valid(), name: 'Nytt namn', visibility: 'closed' as const, themeId };
		const asErik = await forUser(db.rest, erik.id);
		expect(await groups.update(asErik, id, input)).toEqual({ ok: false, reason: 'not_found' });
		const asAnna = await forUser(db.rest, anna.id);
		expect(await groups.update(asAnna, id, input)).toEqual({ ok: true });
		const [row] =
			await db.sql`select name, visibility, theme_id, slug from public.groups where id = ${id}`;
		expect(row).toEqual({
			name: 'Nytt namn',
			visibility: 'closed',
			theme_id: themeId,
			slug: 'redigera'
		});
	});
});

describe('groups.coordinatorsOf', () => {
	it('names the coordinators of a closed group, not its other members', async () => {
		const id = await activeGroup('kontakt', 'closed', erik.id);
		await buildMembership(db.sql, { groupId: id, userId: anna.id });
		expect(await groups.coordinatorsOf(db.sql, id)).toEqual([
			{ name: 'Erik Berg', organization: 'Ludvika kommun' }
		]);
	});
});
