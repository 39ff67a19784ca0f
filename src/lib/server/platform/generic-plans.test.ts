import { beforeAll, describe, expect, it } from 'vitest';
import {
	useTestDatabase,
	buildDocument,
	buildEvent,
	buildExperience,
	buildGroup,
	buildMembership,
	buildResearch,
	buildUser,
	type BuiltUser
} from '../testing/world.ts';

// PostgreSQL plans a function's statements for the call's own values at first, then may keep
// one generic plan for any value (PL/pgSQL after five calls; SQL functions in the plan cache
// too). A generic plan keeps every branch, and the executor checks the right to read every
// table in a plan before it runs: a members-only branch that the custom plans pruned for a
// signed-out caller then refuses them ("permission denied for table profiles" in
// public.document_page until 20261214000200). Forcing generic plans from the first call shows
// such a branch at once: every function a signed-out visitor may call must answer the same
// under both kinds of plan, for a visitor and for a member.

const db = useTestDatabase();
let anna: BuiltUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	const group = await buildGroup(db.sql, { sdgGoals: [8, 11] });
	const closed = await buildGroup(db.sql, { visibility: 'closed' });
	for (const g of [group, closed])
		await buildMembership(db.sql, { groupId: g.id, userId: anna.id });
	const experience = await buildExperience(db.sql, group.id, anna.id, {
		title: 'Bostäder för nyanlända'
	});
	await buildExperience(db.sql, closed.id, anna.id, { title: 'Bostäder i den slutna gruppen' });
	const document = await buildDocument(db.sql, group.id, {
		status: 'published',
		isPublic: true,
		createdBy: anna.id,
		sdgGoals: [8]
	});
	const research = await buildResearch(db.sql, {
		title: 'Bostäder och inflyttning',
		sdg: [{ goal: 8 }]
	});
	const event = await buildEvent(db.sql, { groupId: group.id, sdgGoals: [8] });
	const [org] =
		await db.sql`select organization_id as id from public.profiles where id = ${anna.id}`;
	Object.assign(ids, {
		group: group.id,
		experience: experience.id,
		document: document.id,
		research: research.id,
		event: event.id,
		organization: org!.id as string,
		groupSlug: group.slug
	});
});

/** Each function anon may execute, called as the pages call it (`me`: the caller, or null). */
const calls: Record<string, (me: string | null) => [string, unknown[]]> = {
	document_page: (me) => [`select public.document_page($1::uuid, $2::uuid)`, [ids.document, me]],
	event_places: () => [`select * from public.event_places($1::uuid)`, [ids.event]],
	events_page: (me) => [
		`select public.events_page(null, 8::smallint, 0, 20, 3, $1::boolean, false)`,
		[me !== null]
	],
	goal_organizations: () => [`select * from public.goal_organizations(8::smallint)`, []],
	goal_page: () => [
		`select public.goal_page(8::smallint, null, null,
			array['group', 'experience', 'document', 'research'])`,
		[]
	],
	goal_totals: () => [`select * from public.goal_totals(8::smallint, null, null)`, []],
	knowledge_map: () => [`select * from public.knowledge_map()`, []],
	knowledge_map_items: () => [
		`select * from public.knowledge_map_items($1::uuid, 8::smallint)`,
		[ids.organization]
	],
	library_page: () => [`select public.library_page(null, null, null, null, 0, 20)`, []],
	research_audience: () => [`select * from public.research_audience($1::uuid, 5)`, [ids.research]],
	research_candidates: () => [
		`select * from public.research_candidates(array['10.1000/none'],
			array['Bostäder och inflyttning'])`,
		[]
	],
	research_facets: () => [`select public.research_facets('{}'::jsonb)`, []],
	research_page: () => [`select public.research_page('{"goal": 8}'::jsonb, 'linked', 0, 20)`, []],
	research_page_facets: () => [`select public.research_page_facets('{"goal": 8}'::jsonb)`, []],
	research_radar: () => [
		`select * from public.research_radar($1::uuid, null, null, 5)`,
		[ids.group]
	],
	research_radar_records: () => [
		`select * from public.research_radar_records(null, $1::uuid, null, 5)`,
		[ids.experience]
	],
	sdg_counts: () => [`select * from public.sdg_counts()`, []],
	search: () => [`select * from public.search('bostäder', '{}'::jsonb, 'relevance', 10, 0)`, []],
	search_facets: () => [`select public.search_facets('bostäder', '{"goal": 8}'::jsonb)`, []],
	search_hints: () => [`select public.search_hints('bostader')`, []],
	search_page: () => [`select public.search_page('bostäder', '{}'::jsonb, 'newest', 10, 0)`, []],
	search_page_unread: () => [
		`select public.search_page_unread('bostäder', '{"type": "experience"}'::jsonb,
			'relevance', 10, 0)`,
		[]
	],
	search_results: () => [
		`select public.search_results('bostäder', '{}'::jsonb, 'relevance', 20, 0)`,
		[]
	],
	search_similar: () => [`select * from public.search_similar('bostader', 5)`, []],
	search_suggest: () => [`select public.search_suggest('bost')`, []]
};

/** Each function only signed-in people may execute and that only reads, called as the pages call
 * it. The ones that write are named in `writes`, so a new function is either here or there. */
const memberCalls: Record<string, () => [string, unknown[]]> = {
	activity_feed: () => [`select * from public.activity_feed($1::uuid, 10)`, [ids.group]],
	event_participant_emails: () => [
		`select * from public.event_participant_emails($1::uuid)`,
		[ids.event]
	],
	event_waitlist_position: () => [`select public.event_waitlist_position($1::uuid)`, [ids.event]],
	group_overview: () => [
		`select public.group_overview($1::uuid, true, 3, 10, now(), 5)`,
		[ids.group]
	],
	group_page_open: () => [
		`select public.group_page_open($1, jsonb_build_object('events', 3, 'radar', 5,
			'now', now()))`,
		[ids.groupSlug]
	],
	groups_page_mine: () => [`select public.groups_page_mine()`, []],
	home_dashboard: () => [`select public.home_dashboard(10, 5, 5, 5, 5, 3)`, []],
	home_start: () => [`select public.home_start()`, []],
	map_viewer: () => [`select public.map_viewer()`, []],
	my_group_news: () => [`select * from public.my_group_news()`, []],
	organization_work: () => [
		`select * from public.organization_work($1::uuid, 10)`,
		[ids.organization]
	]
};
const writes = [
	'accept_invitation',
	'approve_academy_application',
	'cancel_event_registration',
	'decide_join_request',
	'refresh_research_radar',
	'register_for_event',
	'save_event_session',
	'save_research'
];

type Outcome = { rows: unknown } | { error: string };

async function call(name: string, caller: BuiltUser | null, mode: string): Promise<Outcome> {
	const [query, params] = (memberCalls[name] ?? calls[name]!)(caller?.id ?? null);
	const outcome = await db.sql
		.begin(async (tx) => {
			if (caller) {
				const claims = JSON.stringify({ sub: caller.id, role: 'authenticated' });
				await tx`select set_config('request.jwt.claims', ${claims}, true)`;
			}
			await tx.unsafe(`set local role ${caller ? 'authenticated' : 'anon'}`);
			await tx.unsafe(`set local plan_cache_mode = ${mode}`);
			const rows = await tx.unsafe(query, params as never[]);
			throw { rows: JSON.parse(JSON.stringify([...rows])) as unknown }; // roll back
		})
		.catch((e: unknown) => e);
	if (outcome && typeof outcome === 'object' && 'rows' in outcome) return outcome as Outcome;
	return { error: (outcome as Error).message };
}

/** The public functions `role` may execute (anon's, when `signedOutToo`; else not anon's). */
async function executable(role: 'anon' | 'authenticated', signedOutToo: boolean) {
	const rows = await db.sql<{ name: string }[]>`
		select distinct p.proname as name from pg_proc p
		where p.pronamespace = 'public'::regnamespace
			and has_function_privilege(${role}, p.oid, 'execute')
			and has_function_privilege('anon', p.oid, 'execute') = ${signedOutToo}
		order by 1`;
	return rows.map((r) => r.name);
}

describe('functions a signed-out visitor may call', () => {
	it('are all exercised here', async () => {
		expect(await executable('anon', true)).toEqual(Object.keys(calls).sort());
	});

	for (const name of Object.keys(calls)) {
		it(`${name} answers the same under a generic plan`, async () => {
			for (const caller of [null, anna]) {
				const custom = await call(name, caller, 'force_custom_plan');
				const generic = await call(name, caller, 'force_generic_plan');
				const who = `${name} as a ${caller ? 'member' : 'visitor'}`;
				// Every call answers (the sample values are valid): equal failures prove nothing.
				expect('error' in custom ? custom.error : null, who).toBeNull();
				expect(generic, who).toEqual(custom);
			}
		});
	}
});

describe('functions only signed-in people may call', () => {
	it('are all exercised here or named as writes', async () => {
		expect(await executable('authenticated', false)).toEqual(
			[...Object.keys(memberCalls), ...writes].sort()
		);
	});

	for (const name of Object.keys(memberCalls)) {
		it(`${name} answers a member the same under a generic plan`, async () => {
			const custom = await call(name, anna, 'force_custom_plan');
			expect('error' in custom ? custom.error : null, name).toBeNull();
			expect(await call(name, anna, 'force_generic_plan'), name).toEqual(custom);
		});
	}
});
