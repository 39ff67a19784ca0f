import { beforeAll, describe, expect, it } from 'vitest';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildResearch,
	buildUser
} from '../testing/world.ts';
import { expectSameAsLive as checkSameAsLive, mapAs as mapAsCaller } from './testing/as-caller.ts';

// The map counts documents (written or co-written) and tools in use from counts that triggers
// maintain (supabase/migrations/20261209300100_map_document_counts.sql). After every kind of
// change, and for every kind of caller (members, an administrator, a deactivated person,
// signed out), the map must say exactly what reading the tables as that caller says
// (erfa.knowledge_map_live), so nobody is ever shown a count of what they may not read.

const db = useTestDatabase();
const callers: Record<string, string | null> = {}; // user id, null signed out
const ids: Record<string, string> = {};
let orgs: Record<string, string> = {};

type Row = Record<string, unknown>;

const expectSameAsLive = () => checkSameAsLive(db.sql, callers);
const mapAs = (userId: string | null, fn: string) => mapAsCaller(db.sql, userId, fn);

/** What the caller's map says for an organization and goal. */
async function cell(caller: string, org: string, goal: number) {
	const rows = (await mapAs(callers[caller]!, 'public.knowledge_map')).map(
		(r) => JSON.parse(r) as Row
	);
	const found = rows.find((r) => r.organization_id === orgs[org] && r.goal === goal);
	return { documents: Number(found?.documents ?? 0), uses: Number(found?.uses ?? 0) };
}

const contribute = (document: string, person: string) =>
	db.sql`insert into public.document_contributors (document_id, user_id)
		values (${document}, ${person}) on conflict (document_id, user_id)
		do update set last_edited_at = now()`;

beforeAll(async () => {
	const rows = await db.sql<{ slug: string; id: string }[]>`select slug, id
		from public.organizations where slug in ('avesta', 'ludvika', 'fagersta')`;
	orgs = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
	const anna = await buildUser(db.sql, { organizationSlug: 'avesta' });
	const olle = await buildUser(db.sql, { organizationSlug: 'ludvika' });
	const erik = await buildUser(db.sql, { organizationSlug: 'fagersta', deactivated: true });
	const admin = await buildUser(db.sql, { organizationSlug: null, role: 'admin' });
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[olle.id, 'member']] });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'member']]
	});
	const published = { status: 'published' as const };
	ids.public = (
		await buildDocument(db.sql, open.id, {
			...published,
			isPublic: true,
			sdgGoals: [8],
			organizationId: orgs.avesta!
		})
	).id;
	ids.members = (await buildDocument(db.sql, closed.id, { ...published, sdgGoals: [8, 3] })).id;
	ids.draft = (
		await buildDocument(db.sql, closed.id, { sdgGoals: [8], organizationId: orgs.avesta! })
	).id;
	await contribute(ids.public, olle.id);
	await contribute(ids.members, anna.id);
	await contribute(ids.members, erik.id);
	await contribute(ids.public, erik.id);
	await db.sql`insert into public.document_uses (document_id, organization_id, since)
		values (${ids.public}, ${orgs.ludvika!}, '2026-01-01'), (${ids.members}, ${orgs.avesta!}, '2026-01-01')`;
	const research = await buildResearch(db.sql, { visibility: 'public', sdg: [{ goal: 8 }] });
	await db.sql`insert into public.research_links (research_id, group_id, document_id, status)
		values (${research.id}, ${closed.id}, ${ids.members}, 'confirmed'),
			(${research.id}, ${open.id}, ${ids.public}, 'confirmed')`;
	Object.assign(ids, { anna: anna.id, olle: olle.id, erik: erik.id, closed: closed.id });
	Object.assign(callers, {
		anna: anna.id,
		olle: olle.id,
		erik: erik.id,
		admin: admin.id,
		anonymous: null
	});
});

describe('the maintained document and use counts of the map', () => {
	it('count what each caller may read, as reading the tables does', async () => {
		await expectSameAsLive();
		// Signed out: only the public document, only as written by Avesta, and its use.
		expect(await cell('anonymous', 'avesta', 8)).toEqual({ documents: 1, uses: 0 });
		expect(await cell('anonymous', 'ludvika', 8)).toEqual({ documents: 0, uses: 1 });
		// Signed in: co-writing counts; the members-only document too.
		expect(await cell('olle', 'ludvika', 8)).toEqual({ documents: 1, uses: 1 });
		expect(await cell('olle', 'avesta', 8)).toEqual({ documents: 2, uses: 1 });
		// A deactivated person's co-writing: for administrators and that person only.
		expect((await cell('olle', 'fagersta', 8)).documents).toBe(0);
		expect((await cell('admin', 'fagersta', 8)).documents).toBe(2);
		expect((await cell('erik', 'fagersta', 8)).documents).toBe(1);
	});

	it('follow publication, the public flag, goals, organizations, groups and deletions', async () => {
		await db.sql`update public.documents set status = 'published', published_at = now()
			where id = ${ids.draft!}`;
		await db.sql`update public.documents set status = 'review' where id = ${ids.public!}`;
		await db.sql`update public.documents set is_public = true, sdg_goals = '{3,11}'
			where id = ${ids.members!}`;
		await expectSameAsLive();
		await db.sql`update public.documents set status = 'published', organization_id = ${orgs.ludvika!}
			where id = ${ids.public!}`;
		await db.sql`update public.documents set title = 'Ny titel', content_text = 'text'
			where id = ${ids.members!}`;
		await expectSameAsLive();
		await db.sql`delete from public.documents where id = ${ids.draft!}`;
		await expectSameAsLive();
	});

	it('follow contributors, uses, and people who move or are deactivated', async () => {
		await contribute(ids.members!, ids.olle!);
		await contribute(ids.members!, ids.olle!); // an edit again: no change
		await db.sql`delete from public.document_contributors
			where document_id = ${ids.members!} and user_id = ${ids.anna!}`;
		await db.sql`update public.document_uses set organization_id = ${orgs.fagersta!}
			where document_id = ${ids.public!}`;
		await expectSameAsLive();
		await db.sql`update public.profiles set deactivated_at = now() where id = ${ids.olle!}`;
		await db.sql`update public.profiles set deactivated_at = null, organization_id = ${orgs.avesta!}
			where id = ${ids.erik!}`;
		await db.sql`delete from public.document_uses where document_id = ${ids.members!}`;
		await expectSameAsLive();
		await db.sql`update public.profiles set deactivated_at = null where id = ${ids.olle!}`;
		await db.sql`delete from public.group_members where group_id = ${ids.closed!}`;
		await expectSameAsLive();
	});
});

describe('two changes to one document at once', () => {
	it('leave the counts as reading the tables says', async () => {
		// One person changes the document's goals while another's first edit is recorded: the
		// second refresh must start from the first one's rows, not from what it saw before.
		const first = await db.sql.reserve();
		const second = await db.sql.reserve();
		try {
			await first`begin`;
			await first`update public.documents set sdg_goals = '{8,13}' where id = ${ids.public!}`;
			await second`begin`;
			const recorded = second`insert into public.document_contributors (document_id, user_id)
				values (${ids.public!}, ${ids.anna!})`.execute();
			// The second change is now waiting on the first, whose commit lets it go on.
			await expect
				.poll(async () => {
					const [row] = await db.sql<{ waiting: number }[]>`select count(*)::int as waiting
						from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`;
					return row!.waiting;
				})
				.toBeGreaterThan(0);
			await first`commit`;
			await recorded;
			await second`commit`;
		} finally {
			first.release();
			second.release();
		}
		await expectSameAsLive();
	});
});
