import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { buildUser, useTestDatabase } from '$lib/server/testing/world';
import { load } from './+page.server';
import { GET as suggest } from './suggest/+server';

// Whatever is typed into the search box or the header's type-ahead, the answer is the search
// page (with a message when nothing could be searched for) or a list, never an error.

const db = useTestDatabase({ rest: true });
let member: Db;
let userId: string;

beforeAll(async () => {
	const user = await buildUser(db.sql, { name: 'Anna Lind' });
	userId = user.id;
	member = await forUser(db.rest, user.id);
});

const hostile = [
	'a\u0000b',
	'\ud800',
	'välkomst\udfff',
	"'); drop table x;--",
	'a & | ! :*',
	'!!',
	'(((',
	'\\',
	'x'.repeat(200),
	'ord '.repeat(50),
	'%zz %00'
];

const page = (q: string, who: Db | null = member) =>
	load({
		url: new URL(`http://erfa.test/search?${new URLSearchParams({ q })}`),
		locals: { user: who ? { id: userId } : null, supabase: who ?? anonymous(db.rest) }
	} as never) as Promise<Record<string, unknown>>;

describe('the search page', () => {
	it.each(hostile)('answers %j with the page', async (q) => {
		const data = await page(q);
		expect(data.q).not.toContain('\u0000');
		expect(data.q).not.toMatch(/[\ud800-\udfff]/);
		expect(data.unsearchable).toBe(false);
	});

	it('says so when nothing that can be searched for was typed', async () => {
		const data = await page('\u0000\u0001');
		expect((await suggestions('\u0000')).hits).toEqual([]);
		expect(data).toMatchObject({ unsearchable: true, results: null, query: null, q: '' });
	});

	it('still says when a search is too long', async () => {
		const data = await page('x'.repeat(201), null);
		expect(data).toMatchObject({ tooLong: true, unsearchable: false, results: null });
	});
});

async function suggestions(q: string) {
	const url = new URL(`http://erfa.test/search/suggest?${new URLSearchParams({ q })}`);
	const response = await suggest({
		url,
		locals: { user: { id: userId }, supabase: member },
		setHeaders: () => undefined
	} as never);
	expect(response.status).toBe(200);
	return (await response.json()) as { hits: unknown[] };
}

describe('the type-ahead', () => {
	it.each(hostile)('answers %j with a list', async (q) => {
		expect(await suggestions(q)).toMatchObject({ hits: expect.any(Array) });
	});
});
