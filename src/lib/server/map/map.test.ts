import { beforeAll, describe, expect, it } from 'vitest';
import { unpack } from '$lib/map/pack';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as map from './map.ts';
import {
	useTestDatabase,
	buildGroup,
	buildUser,
	buildExperience,
	buildDocument,
	buildResearch
} from '../testing/world.ts';

// A pseudo-random but fixed set of experiences, documents (with contributors), research, links,
// tools in use and group memberships across member municipalities, a region, a university
// (never on the map), an open and a closed group. The expected cells are counted here in
// TypeScript from the rules in the migrations' headers (20261126000100_map,
// 20261206000200_map_activity), independently of the SQL, and compared with
// public.knowledge_map() as three people see it.

const db = useTestDatabase({ rest: true });
const viewers: Record<string, { db: Db; signedIn: boolean; readable: Set<string> }> = {};

type Experience = {
	id: string;
	org: string;
	group: string;
	goals: number[];
	counted: boolean;
	shared: boolean;
};
type Document = {
	id: string;
	org: string;
	group: string;
	goals: number[];
	published: boolean;
	isPublic: boolean;
	/** The organizations of the people who wrote in it. */
	contributors: string[];
};
type Research = { id: string; goals: number[]; isPublic: boolean };
type Link = {
	research: Research;
	group: string;
	experience?: Experience;
	document?: Document;
	confirmed: boolean;
};
const data = {
	members: [] as string[],
	experiences: [] as Experience[],
	documents: [] as Document[],
	research: [] as Research[],
	links: [] as Link[],
	uses: [] as { document: Document; org: string }[],
	groups: [] as { id: string; goals: number[]; orgs: string[] }[]
};

// mulberry32: the same "random" data on every run.
function generator(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const random = generator(20261126);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const goals = () => [
	...new Set(Array.from({ length: Math.floor(random() * 4) }, () => 1 + Math.floor(random() * 6)))
];

async function seed(author: string, researcher: string, groups: string[], orgs: string[]) {
	for (let i = 0; i < 80; i++) {
		const [org, group, g] = [pick(orgs), pick(groups), goals()];
		const [status, hidden, shared] = [
			random() < 0.75 ? ('published' as const) : ('draft' as const),
			random() < 0.1,
			random() < 0.25
		];
		const row = await buildExperience(db.sql, group, author, {
			organizationId: org,
			title: `Erfarenhet ${i}`,
			sdgGoals: g,
			status,
			sharedWithAll: shared,
			hidden,
			publishedAt: new Date(Date.now() - i * 3_600_000)
		});
		data.experiences.push({
			id: row.id,
			org,
			group,
			goals: g,
			shared,
			counted: status === 'published' && !hidden
		});
	}
	for (let i = 0; i < 40; i++) {
		const [org, group, g] = [pick(orgs), pick(groups), goals()];
		const [status, isPublic] = [
			pick(['draft', 'review', 'published', 'published'] as const),
			random() < 0.4
		];
		const row = await buildDocument(db.sql, group, {
			title: `Dokument ${i}`,
			sdgGoals: g,
			status,
			isPublic,
			organizationId: org,
			publishedAt: new Date()
		});
		data.documents.push({
			id: row.id,
			org,
			group,
			goals: g,
			published: status === 'published',
			isPublic,
			contributors: []
		});
	}
	for (let i = 0; i < 25; i++) {
		const isPublic = random() < 0.6;
		const g = goals();
		const row = await buildResearch(db.sql, {
			title: `Forskning ${i}`,
			visibility: isPublic ? 'public' : 'members',
			createdBy: researcher,
			sdg: [
				...g.map((goal) => ({ goal })),
				// A machine's suggestion is not a confirmed goal and must not count.
				{ goal: 7, source: 'openalex', confidence: 0.9, status: 'suggested' } as const
			]
		});
		data.research.push({ id: row.id, goals: g, isPublic });
	}
	for (let i = 0; i < 60; i++) {
		const research = pick(data.research);
		const to = pick(['experience', 'document', 'group'] as const);
		const experience = to === 'experience' ? pick(data.experiences) : undefined;
		const document = to === 'document' ? pick(data.documents) : undefined;
		const group = experience?.group ?? document?.group ?? pick(groups);
		const confirmed = random() < 0.7;
		const [row] =
			await db.sql`insert into public.research_links (research_id, group_id, experience_id, document_id, status)
			values (${research.id}, ${group}, ${experience?.id ?? null}, ${document?.id ?? null}, ${confirmed ? 'confirmed' : 'proposed'})
			on conflict do nothing returning id`;
		if (row) data.links.push({ research, group, experience, document, confirmed });
	}
}

type Person = { id: string; org: string };

// Who wrote in which document and which organization uses which tool.
async function seedActivity(people: Person[], orgs: string[]) {
	for (const d of data.documents) {
		for (const person of people.filter(() => random() < 0.3)) {
			await db.sql`insert into public.document_contributors (document_id, user_id)
				values (${d.id}, ${person.id})`;
			d.contributors.push(person.org);
		}
	}
	for (let i = 0; i < 20; i++) {
		const [document, org] = [pick(data.documents), pick(orgs)];
		const [row] =
			await db.sql`insert into public.document_uses (document_id, organization_id, since)
			values (${document.id}, ${org}, '2026-01-01') on conflict do nothing returning document_id`;
		if (row) data.uses.push({ document, org });
	}
}

/** The map as `viewer` should see it, from the rules in the migration's header. */
function expected(viewer: { signedIn: boolean; readable: Set<string> }): map.RawCell[] {
	const member = (org: string) => data.members.includes(org);
	const experienceCounted = (e: Experience) =>
		viewer.signedIn && e.counted && member(e.org) && (e.shared || viewer.readable.has(e.group));
	const readable = (d: Document) => d.published && (d.isPublic || viewer.signedIn);
	// Who wrote in a document is seen only signed in (anon has no grant on contributors).
	const documentOrgs = (d: Document) =>
		[...new Set([d.org, ...(viewer.signedIn ? d.contributors : [])])].filter(member);
	const linkVisible = (l: Link) =>
		l.confirmed &&
		(l.research.isPublic || viewer.signedIn) &&
		(viewer.signedIn ? viewer.readable.has(l.group) : l.document !== undefined);
	const cells = new Map<string, map.RawCell>();
	const bump = (
		org: string,
		goal: number,
		key: Exclude<keyof map.RawCell, 'organizationId' | 'goal'>
	) => {
		const cell = cells.get(`${org}:${goal}`) ?? {
			organizationId: org,
			goal,
			experiences: 0,
			documents: 0,
			research: 0,
			uses: 0,
			groups: 0
		};
		cell[key] += 1;
		cells.set(`${org}:${goal}`, cell);
	};
	const experiences = data.experiences.filter(experienceCounted);
	const documents = data.documents.filter((d) => readable(d) && documentOrgs(d).length > 0);
	for (const e of experiences) for (const g of e.goals) bump(e.org, g, 'experiences');
	for (const d of documents)
		for (const o of documentOrgs(d)) for (const g of d.goals) bump(o, g, 'documents');
	for (const u of data.uses.filter((u) => readable(u.document) && member(u.org))) {
		for (const g of u.document.goals) bump(u.org, g, 'uses');
	}
	// Memberships are seen only signed in, and only in groups the viewer may read.
	for (const group of data.groups.filter((g) => viewer.signedIn && viewer.readable.has(g.id))) {
		for (const org of new Set(group.orgs.filter(member))) {
			for (const g of group.goals) bump(org, g, 'groups');
		}
	}
	const attributed = new Set<string>();
	for (const l of data.links.filter(linkVisible)) {
		const orgs = l.experience
			? experiences.includes(l.experience)
				? [l.experience.org]
				: []
			: l.document
				? documents.includes(l.document)
					? documentOrgs(l.document)
					: []
				: [
						...experiences.filter((x) => x.group === l.group).map((x) => x.org),
						...documents.filter((x) => x.group === l.group).flatMap(documentOrgs)
					];
		for (const org of orgs) attributed.add(`${l.research.id}|${org}`);
	}
	for (const pair of attributed) {
		const [id, org] = pair.split('|') as [string, string];
		for (const g of data.research.find((r) => r.id === id)!.goals) bump(org, g, 'research');
	}
	return sortCells([...cells.values()]);
}

const sortCells = (list: map.RawCell[]) =>
	[...list].sort((a, b) => a.organizationId.localeCompare(b.organizationId) || a.goal - b.goal);

beforeAll(async () => {
	const rows = await db.sql`select id, slug, kind from public.organizations
		where slug in ('avesta', 'ludvika', 'orebro-universitet') or id = (select id from public.organizations where kind = 'region' and is_member order by name limit 1)`;
	const orgs = rows.map((r) => r.id as string);
	data.members = rows.filter((r) => r.kind !== 'university').map((r) => r.id);
	const anna = await buildUser(db.sql, { organizationSlug: 'avesta' });
	const erik = await buildUser(db.sql, { organizationSlug: 'ludvika' });
	const sara = await buildUser(db.sql, {
		organizationSlug: 'orebro-universitet',
		role: 'researcher'
	});
	const open = await buildGroup(db.sql, {
		visibility: 'open',
		sdgGoals: [1, 2],
		members: [
			[anna.id, 'coordinator'],
			[erik.id, 'member']
		]
	});
	const closed = await buildGroup(db.sql, {
		visibility: 'closed',
		sdgGoals: [3],
		members: [[anna.id, 'coordinator']]
	});
	await seed(anna.id, sara.id, [open.id, closed.id], orgs);
	const orgOf = (slug: string) => rows.find((r) => r.slug === slug)!.id as string;
	const [avesta, ludvika, university] = ['avesta', 'ludvika', 'orebro-universitet'].map(orgOf);
	await seedActivity(
		[
			{ id: anna.id, org: avesta! },
			{ id: erik.id, org: ludvika! },
			{ id: sara.id, org: university! }
		],
		orgs
	);
	// Sara's university takes part too, but it is not on the map.
	await db.sql`insert into public.group_members (group_id, user_id) values (${open.id}, ${sara.id})`;
	data.groups.push(
		{ id: open.id, goals: [1, 2], orgs: [avesta!, ludvika!, university!] },
		{ id: closed.id, goals: [3], orgs: [avesta!] }
	);
	viewers.anna = {
		db: await forUser(db.rest, anna.id),
		signedIn: true,
		readable: new Set([open.id, closed.id])
	};
	viewers.erik = {
		db: await forUser(db.rest, erik.id),
		signedIn: true,
		readable: new Set([open.id])
	};
	viewers.anon = { db: anonymous(db.rest), signedIn: false, readable: new Set() };
});

describe('knowledge map', () => {
	it.each(['anna', 'erik', 'anon'])(
		'has the numbers counted independently, as %s sees them',
		async (who) => {
			const viewer = viewers[who]!;
			const want = expected(viewer);
			expect(want.length).toBeGreaterThan(5);
			expect(sortCells(await map.cells(viewer.db))).toEqual(want);
		}
	);

	it('does not count a closed group’s experience for people outside the group', async () => {
		const closed = [...viewers.anna!.readable].find((g) => !viewers.erik!.readable.has(g))!;
		const [ludvika] = await db.sql`select id from public.organizations where slug = 'ludvika'`;
		await buildExperience(db.sql, closed, null, {
			organizationId: ludvika!.id,
			title: 'Stängd gruppens erfarenhet',
			sdgGoals: [16]
		});
		const goal16 = async (who: string) =>
			(await map.cells(viewers[who]!.db)).filter((c) => c.goal === 16);
		expect((await goal16('anna')).map((c) => c.experiences)).toEqual([1]);
		expect(await goal16('erik')).toEqual([]);
		expect(await goal16('anon')).toEqual([]);
	});

	it('shows taking part in a closed group only to those who may read it, and no membership signed out', async () => {
		const groups3 = async (who: string) =>
			(await map.cells(viewers[who]!.db)).filter((c) => c.goal === 3).map((c) => c.groups);
		// Only the closed group has goal 3; Anna (Avesta) is its one member.
		expect(await groups3('anna')).toContain(1);
		expect((await groups3('erik')).every((n) => n === 0)).toBe(true);
		const anon = await map.cells(viewers.anon!.db);
		expect(anon.every((c) => c.groups === 0)).toBe(true);
	});

	it('puts municipalities under their county and adds up rows and counties', async () => {
		const found = await map.count(viewers.anna!.db);
		const dalarna = found.counties.find((c) =>
			c.rows.some((r) => r.organization.slug === 'avesta')
		)!;
		expect(dalarna.name).toBe('Dalarnas län');
		expect(
			found.counties
				.flatMap((c) => c.rows)
				.some((r) => r.organization.slug === 'orebro-universitet')
		).toBe(false);
		const avesta = dalarna.rows.find((r) => r.organization.slug === 'avesta')!;
		const raw = (await map.cells(viewers.anna!.db)).filter(
			(c) => c.organizationId === avesta.organization.id
		);
		expect(raw.length).toBeGreaterThan(0);
		for (const { organizationId: _id, goal, ...counts } of raw) {
			const total =
				counts.experiences + counts.documents + counts.research + counts.uses + counts.groups;
			expect(avesta.cells[goal - 1]).toEqual({ ...counts, total });
		}
		const sum = dalarna.rows.reduce((s, r) => s + r.cells[0]!.total, 0);
		expect(dalarna.cells[0]!.total).toBe(sum);
		expect(found.max).toBe(
			Math.max(...found.counties.flatMap((c) => c.rows.flatMap((r) => r.cells.map((x) => x.total))))
		);
	});

	it('gives each view of the page what it shows, and every cell unpacks to its counts', async () => {
		const found = await map.count(viewers.anna!.db);
		const places = map.forView(found, 'places');
		const counties = map.forView(found, 'counties');
		for (const view of [places, counties]) {
			expect(view.max).toBe(found.max);
			expect(view.countyMax).toBe(found.countyMax);
			expect(view.counties.map((c) => [c.name, c.code, c.total])).toEqual(
				found.counties.map((c) => [c.name, c.code, c.total])
			);
		}
		found.counties.forEach((county, i) => {
			expect(places.counties[i]!.cells).toEqual([]);
			expect(counties.counties[i]!.rows).toEqual([]);
			expect(counties.counties[i]!.cells.map(unpack)).toEqual(county.cells);
			expect(places.counties[i]!.rows.map((r) => ({ ...r, cells: r.cells.map(unpack) }))).toEqual(
				county.rows
			);
		});
	});

	it('lists the items behind a cell, the same ones it counts', async () => {
		for (const who of ['anna', 'anon']) {
			const viewer = viewers[who]!;
			const cells = (await map.cells(viewer.db)).slice(0, 6);
			for (const c of cells) {
				const slug = (
					await db.sql`select slug from public.organizations where id = ${c.organizationId}`
				)[0]!.slug;
				const found = (await map.cell(viewer.db, slug, c.goal))!;
				expect([
					found.items.experience.length,
					found.items.document.length,
					found.items.research.length,
					found.items.use.length,
					found.items.group.length
				]).toEqual([c.experiences, c.documents, c.research, c.uses, c.groups]);
			}
		}
		expect(await map.cell(viewers.anna!.db, 'orebro-universitet', 8)).toBeNull();
	});
});

describe('CSV', () => {
	const header = {
		organization: 'Organisation',
		county: 'Län',
		goal: (n: number) => `Mål ${n}`,
		total: 'Totalt'
	};
	const one = (name: string, goal8: number): map.KnowledgeMap => {
		const zero = { experiences: 0, documents: 0, research: 0, uses: 0, groups: 0, total: 0 };
		const cells = map.GOALS.map(() => ({ ...zero }));
		cells[7] = { ...zero, experiences: goal8, documents: 1, total: goal8 + 1 };
		const row = {
			organization: { id: 'x', slug: 'x', name, kind: 'kommun' as const },
			cells,
			total: goal8 + 1
		};
		return {
			counties: [{ name: 'Dalarnas län', code: '20', rows: [row], cells, total: goal8 + 1 }],
			max: goal8 + 1,
			countyMax: goal8 + 1
		};
	};

	it('starts with a byte order mark and a header row, separated by semicolons', () => {
		const text = map.csv(one('Avesta kommun', 2), 'total', header);
		const [first, second] = text.slice(1).split('\r\n');
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(first).toBe(`Organisation;Län;${map.GOALS.map((n) => `Mål ${n}`).join(';')};Totalt`);
		expect(second).toBe(`Avesta kommun;Dalarnas län;0;0;0;0;0;0;0;3;0;0;0;0;0;0;0;0;0;3`);
		expect(map.csv(one('Avesta kommun', 2), 'experiences', header).split('\r\n')[1]).toContain(
			';2;'
		);
	});

	it('quotes separators and defuses formulas', () => {
		const text = map.csv(one('=HYPERLINK("x");Ort', 1), 'total', header);
		expect(text.split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\);Ort";/);
	});
});
