import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import {
	useTestDatabase,
	buildExperience,
	buildGroup,
	buildUser,
	type BuiltUser
} from '../testing/world.ts';
import * as search from './search.ts';

// Snippets are cut from a window of a hit's text around its first real match, and the type-ahead
// reads whole texts only when titles do not fill it (supabase/migrations/20261209200100,
// 20261209200200 and 20261211200000): what a person sees must not change with that, nor what
// they may see.

const db = useTestDatabase({ rest: true });
let anna: BuiltUser; // member of both groups
let olle: BuiltUser; // member of neither
const as: Record<string, Db> = {};

// About 1 300 characters of words that match none of the queries below.
const filler = (n: number) =>
	Array.from({ length: n }, (_, i) => `Vi träffades ${i + 1} gången och talade länge.`).join(' ');

const find = async (who: Db, q: string) => {
	const parsed = search.queryFrom(new URLSearchParams({ q }));
	return (await search.find(who, parsed.query!)).results.hits;
};

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	olle = await buildUser(db.sql, { name: 'Olle Ek' });
	const open = await buildGroup(db.sql, { visibility: 'open', members: [[anna.id, 'member']] });
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.id, 'member']]
	});
	const add = (groupId: string, title: string, summary: string) =>
		buildExperience(db.sql, groupId, anna.id, { title, summary });
	const long = await add(open.id, 'Långt protokoll', filler(30));
	await db.sql`update public.experiences
		set background = ${`Till sist om fjärrvärmenätet. ${filler(30)}`} where id = ${long.id}`;
	await add(open.id, 'Fjärrvärmenätet i Ludvika', filler(30));
	for (let i = 1; i <= 9; i++) await add(open.id, `Snöplogning ${i}`, 'Om vintern.');
	await add(open.id, 'Vinterväghållning', 'Snöplogning på landsbygden, varje morgon.');
	await add(closed.id, 'Intern anteckning', 'Om gruvlavarnas renovering i hemlighet.');
	await add(
		open.id,
		'Analysen',
		`En jämställdhetsanalys gjordes. ${filler(10)} Arbetet för jämställdhet fortsätter i år. ` +
			`${filler(10)} Målet är jämställdhet för alla. ${filler(10)}`
	);
	await add(
		open.id,
		'Nätverket',
		`Kommunerna i länet möts varje månad. ${filler(30)} Till sist: samverkan kring vatten.`
	);
	for (const u of [anna, olle]) as[u.name] = await forUser(db.rest, u.id);
});

describe('snippets', () => {
	it('shows and marks a match far into a long text, with "…" on both sides', async () => {
		const [hit] = (await find(as['Anna Lind']!, 'fjärrvärmenätet')).filter(
			(h) => h.title === 'Långt protokoll'
		);
		expect(hit?.snippetHtml).toMatch(/^… .*<mark>fjärrvärmenätet<\/mark>.* …$/);
		expect(hit!.snippetHtml.length).toBeLessThan(500);
	});

	it('shows the beginning of a text that matches only by its title, unmarked', async () => {
		const [hit] = (await find(as['Anna Lind']!, 'fjärrvärmenätet')).filter(
			(h) => h.title === 'Fjärrvärmenätet i Ludvika'
		);
		expect(hit?.snippetHtml).toMatch(/^Vi träffades 1 gången och talade länge\. .* …$/);
		expect(hit!.snippetHtml).not.toContain('<mark>');
	});

	// A snippet shows the first real match: a whole word whose Swedish stem is a query lexeme,
	// not a compound the stemmer keeps whole nor a word that only holds the lexeme.
	it('shows and marks the first real match, past a compound that begins with the word', async () => {
		const [hit] = (await find(as['Anna Lind']!, 'jämställdhet')).filter(
			(h) => h.title === 'Analysen'
		);
		expect(hit?.snippetHtml).toMatch(/^… .*<mark>jämställdhet<\/mark> fortsätter i år\. .* …$/);
		expect(hit!.snippetHtml).not.toContain('jämställdhetsanalys');
		// One window around it: no retries over wider text, which showed two fragments here.
		expect(hit!.snippetHtml.match(/<mark>/g)).toHaveLength(1);
	});

	it('marks the first match even when the other query words are far from it', async () => {
		const [hit] = (await find(as['Anna Lind']!, 'kommunernas samverkan')).filter(
			(h) => h.title === 'Nätverket'
		);
		expect(hit?.snippetHtml).toMatch(/^<mark>Kommunerna<\/mark> i länet möts varje månad\. .* …$/);
	});

	it('finds the first real match wherever it begins, also around the 1 000th character', async () => {
		const at = async (raw: string, q: string) =>
			(
				await db.sql`select erfa.search_real_match(${raw}, l, erfa.search_match_forms(l)) as at
					from erfa.search_lexemes(erfa.search_query(${q})) l`
			)[0]!.at as number | null;
		for (const n of [0, 600, 990, 999, 1000, 1001, 1095, 1100, 1101, 3000]) {
			const raw = `${'a'.repeat(n)} Fjärrvärmenätet byggs ut. ${'b'.repeat(2000)}`;
			expect(await at(raw, 'fjärrvärmenätet')).toBe(n + 2);
		}
		const two = `${'a'.repeat(1050)} samverkan och ${'c'.repeat(100)} kommunerna ${'d'.repeat(900)}`;
		expect(await at(two, 'kommunernas samverkan')).toBe(1052);
		expect(await at('Inget här.', 'fjärrvärmenätet')).toBeNull();
		// Not inside a compound or a word, in lower case, capitals or with a capital first letter.
		const rule = 'Jämställdhetsarbete, ojämställdhet och jämställdhetens';
		expect(await at(`${rule} mål.`, 'jämställdhet')).toBe(
			rule.length - 'jämställdhetens'.length + 1
		);
		expect(await at('Om JÄMSTÄLLDHET.', 'jämställdhet')).toBe(4);
		expect(await at('Jämställd lön.', 'jämställdhet')).toBe(1);
	});
});

describe('type-ahead', () => {
	it('fills the list with titles first, and with matches in texts when titles are few', async () => {
		const many = await search.suggest(as['Olle Ek']!, 'snöplog');
		expect(many.hits).toHaveLength(8);
		expect(many.hits.every((h) => h.title.startsWith('Snöplogning'))).toBe(true);
		const few = await search.suggest(as['Olle Ek']!, 'fjärrvärmenät');
		expect(few.hits.map((h) => h.title).sort()).toEqual([
			'Fjärrvärmenätet i Ludvika',
			'Långt protokoll'
		]);
	});

	it("never fills the list with a closed group's texts for people outside it", async () => {
		expect((await search.suggest(as['Olle Ek']!, 'gruvlavarnas')).hits).toEqual([]);
		const member = await search.suggest(as['Anna Lind']!, 'gruvlavarnas');
		expect(member.hits.map((h) => h.title)).toEqual(['Intern anteckning']);
	});
});
