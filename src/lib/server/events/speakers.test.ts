import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import * as programme from './programme.ts';
import { resolvePeople } from './session-form.ts';
import { buildUser, useTestDatabase } from '../testing/world.ts';

// The speaker search of the session form: active members by part of their name, wildcards
// taken literally; without JavaScript a typed name is taken when exactly one person has it.

const db = useTestDatabase({ rest: true });
let as: Db;
let maja: string;

beforeAll(async () => {
	const me = await buildUser(db.sql);
	as = await forUser(db.rest, me.id);
	maja = (await buildUser(db.sql, { name: 'Maja Lindqvist', organizationSlug: 'avesta' })).id;
	await buildUser(db.sql, { name: 'Majken Berg' });
	await buildUser(db.sql, { name: 'Olof 100%' });
	const gone = await buildUser(db.sql, { name: 'Maja Borta' });
	await db.sql`update public.profiles set deactivated_at = now() where id = ${gone.id}`;
});

describe('finding a speaker', () => {
	it('finds active members by part of the name, with their organization', async () => {
		const hits = await programme.findSpeakers(as, 'maj');
		expect(hits.map((h) => h.name)).toEqual(['Maja Lindqvist', 'Majken Berg']);
		expect(hits[0]!.organization).toMatch(/Avesta/);
		expect(await programme.findSpeakers(as, 'm')).toEqual([]);
		expect((await programme.findSpeakers(as, '0%')).map((h) => h.name)).toEqual(['Olof 100%']);
		expect(await programme.findSpeakers(as, '%')).toEqual([]);
	});

	it('takes a typed name with exactly one match, and names the row otherwise', async () => {
		const find = (name: string) => programme.findSpeakers(as, name, { limit: 2, exact: true });
		const form = new FormData();
		form.set('speaker_search_0', 'maja lindqvist');
		expect(await resolvePeople(form, find)).toBeNull();
		expect(form.get('speaker_person_0')).toBe(maja);
		form.set('speaker_search_1', 'Maj');
		expect(await resolvePeople(form, find)).toEqual({ row: 1, name: 'Maj' });
	});
});
