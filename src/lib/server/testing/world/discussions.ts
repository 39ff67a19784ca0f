import type { Sql } from 'postgres';
import type { Actor, GroupRef } from '../../discussions/posts.ts';
import { forUser, type Db, type RestTarget } from '../../platform/supabase.ts';
import type { UsedDatabase } from './database.ts';
import { buildGroup } from './groups.ts';
import { buildUser, type BuiltUser } from './people.ts';

// The people and groups the discussion tests share: an open and a closed group, each with a
// coordinator (Sara) and members, and people outside them. Built in the file's database:
//     const db = useTestDatabase({ rest: true });
//     beforeAll(async () => { w = await discussionWorld(db); });

export interface Person extends BuiltUser {
	actor: Actor;
	db: Db;
}

export interface DiscussionWorld {
	db: UsedDatabase;
	rest: { target: RestTarget };
	open: GroupRef;
	closed: GroupRef;
	/** Coordinator of both groups. */
	sara: Person;
	/** Member of both groups. */
	anna: Person;
	/** Member of the open group only. */
	erik: Person;
	/** Member of no group. */
	olle: Person;
	admin: Person;
}

export async function discussionWorld(db: UsedDatabase): Promise<DiscussionWorld> {
	const rest = { target: db.rest };
	const person = async (name: string, role: 'member' | 'admin' = 'member'): Promise<Person> => {
		const user = await buildUser(db.sql, { name, role });
		const client = await forUser(rest.target, user.id);
		return { ...user, actor: { id: user.id, isAdmin: role === 'admin' }, db: client };
	};
	const [sara, anna, erik, olle, admin] = await Promise.all([
		person('Sara Holm'),
		person('Anna Lind'),
		person('Erik Berg'),
		person('Olle Ek'),
		person('Maria Admin', 'admin')
	]);
	const { id: openId } = await buildGroup(db.sql, {
		slug: 'oppen',
		members: [
			[sara.id, 'coordinator'],
			[anna.id, 'member'],
			[erik.id, 'member']
		]
	});
	const { id: closedId } = await buildGroup(db.sql, {
		slug: 'stangd',
		visibility: 'closed',
		members: [
			[sara.id, 'coordinator'],
			[anna.id, 'member']
		]
	});
	const open: GroupRef = { id: openId, slug: 'oppen' };
	const closed: GroupRef = { id: closedId, slug: 'stangd' };
	return {
		db,
		rest,
		open,
		closed,
		sara,
		anna,
		erik,
		olle,
		admin
	};
}

/** Notifications a person received, oldest first. */
export async function notificationsOf(db: { sql: Sql }, userId: string) {
	return db.sql<
		{ kind: string; link: string; title: string; params: Record<string, string> }[]
	>`select kind, link, title, params from public.notifications where user_id = ${userId} order by id`;
}
