import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import * as research from './research.ts';
import * as importer from './import.ts';
import { buildOrganization, buildUser, useTestDatabase } from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let asSara: Db;
let karlstad: { id: string; name: string };

beforeAll(async () => {
	const sara = await buildUser(db.sql, {
		name: 'Sara',
		role: 'researcher',
		organizationSlug: 'orebro-universitet'
	});
	karlstad = await buildOrganization(db.sql, {
		name: 'Högskolan i Testköping',
		kind: 'university'
	});
	asSara = await forUser(db.rest, sara.id);
});

const file = `@techreport{a,
  title = {Bostäder i Värmland},
  year = 2022,
  institution = {HÖGSKOLAN I TESTKOPING}
}
@article{b,
  title = {Arbetsmarknad i bruksorter},
  year = 2023,
  journal = {Regional utveckling}
}
@techreport{c,
  title = {Vatten i Bergslagen},
  year = 2021,
  institution = {Ett institut som Erfa inte känner}
}
`;

describe('importing a file', () => {
	it("takes the affiliation from the file, never the importer's own university", async () => {
		const imported = await importer.confirm(asSara, file, {
			picked: [0, 1, 2],
			goals: [],
			perEntry: new Map(),
			visibility: 'public'
		});
		expect(imported?.saved).toHaveLength(3);
		const institutions = await Promise.all(
			imported!.saved.map(async (s) => (await research.get(asSara, s.id))?.institution?.id ?? null)
		);
		expect(institutions).toEqual([karlstad.id, null, null]);
	});
});
