// Where the busy group's pages spend their database time: the PostgREST requests their loads
// make, sent as Anna, timed and explained (shared/explain.ts). The selects mirror
// src/lib/server/groups/{groups,memberships}.ts, experiences/experiences.ts and
// discussions/discussions.ts; keep them in step when those change.
import type { Sql } from 'postgres';
import { restClient } from '../shared/database.ts';
import {
	describeQuery,
	enablePlans,
	measureQuery,
	planExcerpt,
	type Query,
	type QueryFigures
} from '../shared/explain.ts';

interface Ids {
	annaId: string;
	busyId: string;
	busySlug: string;
	threadId: string;
}

const GROUP =
	'id, slug, name, description, visibility, status, sdg_goals, proposed_by, decision_note, created_at, theme:themes(id, slug, name)';
const EXPERIENCE =
	'id, group_id, title, summary, status, shared_with_all, hidden_at, period_start, period_end, ' +
	'sdg_goals, published_at, updated_at, author:profiles!experiences_author_id_fkey(id, name), ' +
	'organization:organizations(id, name)';
const AUTHOR = (table: string) =>
	`author:profiles!${table}_author_id_fkey(id, name, organization:organizations(name))`;
const POST = 'id, body, created_at, edited_at, deleted_at, hidden_at, hidden_reason';

/** What /groups asks for, and the unread count every page shows. */
function listQueries(ids: Ids): Query[] {
	return [
		{
			name: 'groups.list',
			pages: '/groups',
			request: (db) => db.from('groups').select(GROUP).in('status', ['active', 'archived'])
		},
		{
			name: 'groups.participation',
			pages: '/groups',
			request: (db) =>
				db.from('group_participation').select('group_id, member_count, municipalities')
		},
		{
			name: 'groups.myRoles',
			pages: '/groups',
			request: (db) => db.from('group_members').select('group_id, role').eq('user_id', ids.annaId)
		},
		{
			name: 'notifications.unreadCount',
			pages: 'every page',
			request: (db) =>
				db.from('notifications').select('id', { count: 'exact' }).is('read_at', null).limit(0)
		}
	];
}

/** What every page of the busy group asks for, and its overview. */
function groupQueries(ids: Ids): Query[] {
	const group = 'group pages';
	return [
		{
			name: 'groups.bySlug',
			pages: group,
			request: (db) => db.from('groups').select(GROUP).eq('slug', ids.busySlug)
		},
		{
			name: 'memberships.roleOf',
			pages: group,
			request: (db) =>
				db.from('group_members').select('role').eq('group_id', ids.busyId).eq('user_id', ids.annaId)
		},
		{
			name: 'profiles.sdgGoals',
			pages: 'overview, experiences',
			request: (db) =>
				db.from('sdg_goals').select('number, name_sv, name_en, color_hex').order('number')
		},
		{
			name: 'memberships.members',
			pages: 'overview',
			request: (db) =>
				db
					.from('group_members')
					.select(
						'user_id, role, joined_at, profile:profiles(name, title, organization:organizations(name, slug))'
					)
					.eq('group_id', ids.busyId)
		}
	];
}

/** The busy group's experiences. */
const experienceQuery = (ids: Ids): Query => ({
	name: 'experiences.listForGroup',
	pages: 'experiences',
	request: (db) =>
		db
			.from('experiences')
			.select(EXPERIENCE, { count: 'exact' })
			.eq('group_id', ids.busyId)
			.eq('status', 'published')
			.order('published_at', { ascending: false, nullsFirst: false })
			.order('updated_at', { ascending: false })
			.range(0, 29)
});

/** The busy group's discussions and its busiest thread. */
function discussionQueries(ids: Ids): Query[] {
	return [
		{
			name: 'discussions.listThreads',
			pages: 'discussions',
			request: (db) =>
				db
					.from('threads')
					.select(
						`id, title, pinned, created_at, last_activity_at, deleted_at, hidden_at, ${AUTHOR('threads')}, live:replies(count), answers:replies(id)`,
						{ count: 'exact' }
					)
					.eq('group_id', ids.busyId)
					.is('live.deleted_at', null)
					.eq('answers.is_answer', true)
					.is('answers.deleted_at', null)
					.order('pinned', { ascending: false })
					.order('last_activity_at', { ascending: false })
					.order('id')
					.range(0, 29)
		},
		{
			name: 'discussions.thread (replies)',
			pages: 'thread',
			request: (db) =>
				db
					.from('replies')
					.select(`${POST}, quoted_reply_id, is_answer, ${AUTHOR('replies')}`)
					.eq('thread_id', ids.threadId)
					.order('created_at')
					.order('id')
		}
	];
}

const queries = (ids: Ids): Query[] => [
	...listQueries(ids),
	...groupQueries(ids),
	experienceQuery(ids),
	...discussionQueries(ids)
];

/** Times and explains every query; slowest first. */
export async function explainQueries(
	sql: Sql,
	rest: { url: string; dataDir: string },
	ids: Ids
): Promise<QueryFigures[]> {
	const db = await restClient(rest, ids.annaId);
	await enablePlans(sql, db);
	const figures: QueryFigures[] = [];
	for (const query of queries(ids)) figures.push(await measureQuery(db, query));
	figures.sort((a, b) => b.medianMs - a.medianMs);
	for (const q of figures) {
		console.log(`    ${describeQuery(q)}`);
		for (const line of planExcerpt(q.plan)) console.log(`      | ${line}`);
	}
	return figures;
}
