import { beforeAll, describe, expect, it } from 'vitest';
import {
	useTestDatabase,
	buildDocument,
	buildExperience,
	buildGroup,
	buildResearch,
	buildUser
} from '../testing/world.ts';
import { expectSameAsLive as checkSameAsLive, mapAs as mapAsCaller } from './testing/as-caller.ts';

// The map attributes research from link rows that triggers maintain
// (supabase/migrations/20261209700000_map_research_rows.sql). After every kind of change, and
// for every kind of caller (members of an open and of a closed group, an outsider, an
// administrator, a deactivated person, signed out), the map must say exactly what reading the
// tables as that caller says (erfa.knowledge_map_live), so nobody is ever shown a count of
// research linked in a group they may not read.

const db = useTestDatabase();
const callers: Record<string, string | null> = {}; // user id, null signed out
const ids: Record<string, string> = {};
let orgs: Record<string, string> = {};

type Row = Record<string, unknown>;

const expectSameAsLive = () => checkSameAsLive(db.sql, callers);
const mapAs = (userId: string | null, fn: string) => mapAsCaller(db.sql, userId, fn);

/** How much research the caller's map shows for an organization and goal. */
async function research(caller: string, org: string, goal: number): Promise<number> {
	const rows = (await mapAs(callers[caller]!, 'public.knowledge_map')).map(
		(r) => JSON.parse(r) as Row
	);
	const found = rows.find((r) => r.organization_id === orgs[org] && r.goal === goal);
	return Number(found?.research ?? 0);
}

const link = (researchId: string, groupId: string, to: Record<string, string | null>) =>
	db.sql<{ id: string }[]>`insert into public.research_links
		(research_id, group_id, experience_id, document_id, status)
		values (${researchId}, ${groupId}, ${to.experience ?? null}, ${to.document ?? null},
			${to.status ?? 'confirmed'}) returning id`.then((rows) => rows[0]!.id);

async function buildPeople() {
	const rows = await db.sql<{ slug: string; id: string }[]>`select slug, id
		from public.organizations where slug in ('avesta', 'ludvika', 'fagersta')`;
	orgs = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
	const anna = await buildUser(db.sql, { organizationSlug: 'avesta' });
	const olle = await buildUser(db.sql, { organizationSlug: 'ludvika' });
	const sara = await buildUser(db.sql, { organizationSlug: 'fagersta' });
	const erik = await buildUser(db.sql, { organizationSlug: 'fagersta', deactivated: true });
	const admin = await buildUser(db.sql, { organizationSlug: null, role: 'admin' });
	Object.assign(callers, { anna: anna.id, olle: olle.id, outsider: sara.id, erik: erik.id });
	Object.assign(callers, { admin: admin.id, anonymous: null });
	Object.assign(ids, { anna: anna.id, olle: olle.id, erik: erik.id });
}

beforeAll(async () => {
	await buildPeople();
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[ids.olle!, 'member']] });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[ids.anna!, 'member']]
	});
	const exp = (group: string, author: string, org: string, shared = false) =>
		buildExperience(db.sql, group, author, {
			sdgGoals: [8],
			organizationId: orgs[org]!,
			sharedWithAll: shared
		}).then((e) => e.id);
	ids.open = open.id;
	ids.closed = closed.id;
	ids.expOpen = await exp(open.id, ids.olle!, 'ludvika');
	ids.expClosed = await exp(closed.id, ids.anna!, 'avesta');
	ids.expShared = await exp(closed.id, ids.anna!, 'fagersta', true);
	ids.document = (
		await buildDocument(db.sql, open.id, {
			status: 'published',
			isPublic: true,
			sdgGoals: [8],
			organizationId: orgs.avesta!
		})
	).id;
	ids.public = (await buildResearch(db.sql, { visibility: 'public', sdg: [{ goal: 8 }] })).id;
	ids.members = (
		await buildResearch(db.sql, {
			visibility: 'members',
			createdBy: ids.erik!,
			sdg: [{ goal: 8 }, { goal: 3 }]
		})
	).id;
	ids.linkOpen = await link(ids.public, open.id, { experience: ids.expOpen });
	ids.linkClosed = await link(ids.members, closed.id, { experience: ids.expClosed });
	ids.linkShared = await link(ids.public, closed.id, { experience: ids.expShared });
	ids.linkGroup = await link(ids.members, closed.id, {});
	ids.linkDocument = await link(ids.public, open.id, { document: ids.document });
	ids.linkProposed = await link(ids.members, open.id, {
		experience: ids.expOpen,
		status: 'proposed'
	});
});

describe('the maintained research of the map', () => {
	it('counts what each caller may read, as reading the tables does', async () => {
		await expectSameAsLive();
		// A closed group's links count for its members and administrators only.
		expect(await research('anna', 'avesta', 3)).toBe(1);
		expect(await research('admin', 'avesta', 3)).toBe(1);
		expect(await research('outsider', 'avesta', 3)).toBe(0);
		expect(await research('olle', 'avesta', 8)).toBe(1); // the open group's document only
		expect(await research('outsider', 'fagersta', 8)).toBe(0);
		// Fagersta's shared experience, and the closed group's link to where Fagersta is present.
		expect(await research('anna', 'fagersta', 8)).toBe(2);
		// Signed out: research linked to documents, when the research is public.
		expect(await research('anonymous', 'avesta', 8)).toBe(1);
		expect(await research('anonymous', 'ludvika', 8)).toBe(0);
		expect(await research('olle', 'ludvika', 8)).toBe(1);
	});

	it('follows links confirmed, moved and removed', async () => {
		await db.sql`update public.research_links set status = 'confirmed'
			where id = ${ids.linkProposed!}`;
		await db.sql`update public.research_links set note = 'Läs kapitel 3' where id = ${ids.linkOpen!}`;
		await expectSameAsLive();
		expect(await research('olle', 'ludvika', 3)).toBe(1);
		await db.sql`update public.research_links set experience_id = ${ids.expShared!},
			group_id = ${ids.closed!} where id = ${ids.linkProposed!}`;
		await db.sql`delete from public.research_links where id = ${ids.linkDocument!}`;
		await expectSameAsLive();
		ids.linkDocument = await link(ids.members!, ids.open!, { document: ids.document! });
		await expectSameAsLive();
	});

	it("follows research's goals, visibility and creator", async () => {
		await db.sql`insert into public.research_sdg (research_id, goal, source, status)
			values (${ids.public!}, 11, 'manual', 'confirmed')`;
		await db.sql`update public.research set created_by = ${ids.erik!} where id = ${ids.public!}`;
		await expectSameAsLive();
		await db.sql`update public.research set visibility = 'public' where id = ${ids.members!}`;
		await expectSameAsLive();
		await db.sql`update public.research set visibility = 'members' where id = ${ids.public!}`;
		await expectSameAsLive();
	});

	it('follows experiences hidden, shared, moved, unpublished and deleted', async () => {
		await db.sql`update public.experiences set hidden_at = now() where id = ${ids.expOpen!}`;
		await db.sql`update public.experiences set shared_with_all = false where id = ${ids.expShared!}`;
		await db.sql`update public.experiences set title = 'Ny rubrik' where id = ${ids.expClosed!}`;
		await expectSameAsLive();
		await db.sql`update public.experiences set hidden_at = null, organization_id = ${orgs.fagersta!}
			where id = ${ids.expOpen!}`;
		await db.sql`update public.experiences set shared_with_all = true, author_id = ${ids.olle!}
			where id = ${ids.expShared!}`;
		await expectSameAsLive();
		await db.sql`update public.experiences set status = 'draft' where id = ${ids.expClosed!}`;
		await db.sql`delete from public.experiences where id = ${ids.expShared!}`;
		await expectSameAsLive();
	});

	it('follows groups opened, memberships, people deactivated and research deleted', async () => {
		await db.sql`update public.experiences set status = 'published' where id = ${ids.expClosed!}`;
		await db.sql`update public.groups set visibility = 'open' where id = ${ids.closed!}`;
		await expectSameAsLive();
		expect(await research('outsider', 'avesta', 8)).toBeGreaterThan(0);
		await db.sql`update public.groups set visibility = 'closed' where id = ${ids.closed!}`;
		await db.sql`delete from public.group_members where group_id = ${ids.closed!}`;
		await db.sql`update public.profiles set deactivated_at = now() where id = ${ids.olle!}`;
		await expectSameAsLive();
		await db.sql`update public.profiles set deactivated_at = null where id = ${ids.olle!}`;
		await db.sql`delete from public.research where id = ${ids.members!}`;
		await expectSameAsLive();
	});

	it('attributes research linked to a group where an organization has only a document', async () => {
		expect(await research('olle', 'avesta', 11)).toBe(0);
		await link(ids.public!, ids.open!, {});
		await expectSameAsLive();
		expect(await research('olle', 'avesta', 11)).toBe(1);
		await db.sql`update public.documents set status = 'draft' where id = ${ids.document!}`;
		await expectSameAsLive();
		expect(await research('olle', 'avesta', 11)).toBe(0);
	});
});
