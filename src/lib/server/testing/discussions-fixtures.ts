import { closeDb } from '../platform/db.ts';
import type { Actor, GroupRef } from '../discussions/posts.ts';
import { forUser, type Db } from '../platform/supabase.ts';
import { createTestDatabase, startTestRest, type TestDatabase, type TestRest } from './database.ts';
import { buildUser, type BuiltUser } from './factories.ts';

// The people and groups the discussion tests share: an open and a closed group, each with a
// coordinator (Sara) and members, and people outside them.

export interface Person extends BuiltUser {
	actor: Actor;
	db: Db;
}

export interface World {
	db: TestDatabase;
	rest: TestRest;
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
	stop: () => Promise<void>;
}

async function group(db: TestDatabase, slug: string, visibility: 'open' | 'closed') {
	const [g] = await db.sql`insert into public.groups (slug, name, visibility, status)
		values (${slug}, ${`Grupp ${slug}`}, ${visibility}, 'active') returning id`;
	return { id: g!.id as string, slug };
}

export async function world(): Promise<World> {
	const db = await createTestDatabase();
	const rest = await startTestRest(db);
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
	const open = await group(db, 'oppen', 'open');
	const closed = await group(db, 'stangd', 'closed');
	await db.sql`insert into public.group_members (group_id, user_id, role) values
		(${open.id}, ${sara.id}, 'coordinator'), (${open.id}, ${anna.id}, 'member'),
		(${open.id}, ${erik.id}, 'member'),
		(${closed.id}, ${sara.id}, 'coordinator'), (${closed.id}, ${anna.id}, 'member')`;
	return {
		db,
		rest,
		open,
		closed,
		sara,
		anna,
		erik,
		olle,
		admin,
		stop: async () => {
			// The module pool (locks, notifications) points at this database: close it first.
			await closeDb();
			await rest.stop();
			await db.drop();
		}
	};
}

/** Notifications a person received, oldest first. */
export async function notificationsOf(db: TestDatabase, userId: string) {
	return db.sql<{ kind: string; link: string; title: string }[]>`
		select kind, link, title from public.notifications where user_id = ${userId} order by id`;
}
