import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import * as research from './research.ts';
import * as radar from './radar.ts';
import {
	useTestDatabase,
	buildDocument,
	buildGroup,
	buildUser,
	researchInput
} from '../testing/world.ts';

// Who could use a research finding (public.research_audience, shown to the record's editors):
// groups and documents sharing its goals or its characteristic words, strongest first, found
// and ranked on their stored text vectors (20261211000400), without those already linked to
// it, and only those the caller may read.

const db = useTestDatabase({ rest: true });
const as: Record<string, Db> = {};
type Named = 'titled' | 'goalOnly' | 'unrelated' | 'linked' | 'draft' | 'group' | 'research';
const ids = {} as Record<Named, string>;

beforeAll(async () => {
	const sara = await buildUser(db.sql, { name: 'Sara', role: 'researcher' });
	const anna = await buildUser(db.sql, { name: 'Anna' });
	for (const u of [sara, anna]) as[u.name] = await forUser(db.rest, u.id);
	const open = await buildGroup(db.sql, { members: [[anna.id, 'member']] });
	const closed = await buildGroup(db.sql, { visibility: 'closed', members: [[anna.id, 'member']] });
	await db.sql`update public.groups set name = 'Skolskjuts på landsbygden',
		description = 'Skolskjuts och skolskjutsar i glesbygd.', sdg_goals = '{4}' where id = ${open.id}`;
	const doc = (title: string, goals: number[], groupId = open.id) =>
		buildDocument(db.sql, groupId, { title, status: 'published', isPublic: true, sdgGoals: goals });
	ids.titled = (await doc('Skolskjutsplanering med skolskjutsar', [4])).id;
	ids.goalOnly = (await doc('Modell för lokal service', [4])).id;
	ids.unrelated = (await doc('Badplatser vid sjöar', [14])).id;
	ids.linked = (await doc('Skolskjuts i vinterväglag', [4])).id;
	ids.draft = (
		await buildDocument(db.sql, closed.id, { title: 'Skolskjuts utkast', sdgGoals: [4] })
	).id;
	ids.group = open.id;
	const saved = await research.save(
		as.Sara!,
		null,
		researchInput({
			title: 'Skolskjuts och skolskjutsar',
			abstract: 'Skolskjuts i glesbygd: skolskjutsar, restider och skolskjutsplanering.',
			goals: [4],
			targets: [],
			doi: null
		})
	);
	ids.research = (saved as { id: string }).id;
	await db.sql`insert into public.research_links (research_id, group_id, document_id, status,
		proposed_by) values (${ids.research}, ${open.id}, ${ids.linked}, 'confirmed', ${sara.id})`;
});

describe('research audience', () => {
	it('suggests the groups and documents that share its goals or words, strongest first', async () => {
		const hits = await radar.audience(as.Sara!, ids.research, 20);
		const order = hits.map((h) => h.id);
		expect(order).toContain(ids.group);
		expect(order).toContain(ids.goalOnly);
		expect(order.indexOf(ids.titled)).toBeLessThan(order.indexOf(ids.goalOnly));
		expect(order).not.toContain(ids.unrelated);
		expect(hits.find((h) => h.id === ids.titled)?.matchedWords.length).toBeGreaterThan(0);
		expect(hits.find((h) => h.id === ids.goalOnly)?.sharedGoals).toEqual([4]);
	});

	it('leaves out what is already linked to it and what the caller may not read', async () => {
		const sara = (await radar.audience(as.Sara!, ids.research, 20)).map((h) => h.id);
		expect(sara).not.toContain(ids.linked);
		expect(sara).not.toContain(ids.draft);
	});
});
