import * as agenda2030 from '../agenda2030/agenda2030.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schemas from '../../../routes/profile/schemas.ts';
import { parse } from '$lib/server/forms';
import * as profiles from './profiles.ts';
import { forUser } from '$lib/server/platform';
import { useTestDatabase, buildUser, type BuiltUser } from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let anna: BuiltUser;
let erik: BuiltUser;
let ludvika: string;

beforeAll(async () => {
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	erik = await buildUser(db.sql, { name: 'Erik Berg' });
	const [org] = await db.sql`select id from public.organizations where slug = 'ludvika'`;
	ludvika = org!.id;
});

const valid: profiles.ProfileDetails = {
	name: 'Anna Lind',
	title: null,
	organizationId: null,
	bio: null,
	expertise: [],
	sdgInterests: []
};

async function stored(id: string) {
	const [row] = await db.sql`select name, title, organization_id, bio, expertise, sdg_interests
		from public.profiles where id = ${id}`;
	return row!;
}

describe('profiles.update', () => {
	it('saves the person’s own profile through supabase-js and normalises expertise', async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const result = await profiles.update(asAnna, anna.id, {
			name: '  Anna Lind-Berg ',
			title: 'Miljöstrateg',
			organizationId: ludvika,
			bio: 'Arbetar med klimatanpassning.',
			expertise: [' Upphandling ,energi,, upphandling', 'Energi', 'medborgar   dialog'],
			sdgInterests: [13, 7, 13, 11]
		});
		expect(result).toEqual({ ok: true });
		expect(await stored(anna.id)).toEqual({
			name: 'Anna Lind-Berg',
			title: 'Miljöstrateg',
			organization_id: ludvika,
			bio: 'Arbetar med klimatanpassning.',
			expertise: ['Upphandling', 'energi', 'medborgar dialog'],
			sdg_interests: [7, 11, 13]
		});
		const read = await profiles.get(asAnna, anna.id);
		expect(read?.expertise).toEqual(['Upphandling', 'energi', 'medborgar dialog']);
	});

	it('refuses a goal outside 1–17, an overlong name or too many areas, storing nothing', async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const before = await stored(anna.id);
		const attempts: [Partial<profiles.ProfileDetails>, keyof profiles.ProfileDetails][] = [
			[{ sdgInterests: [3, 18] }, 'sdgInterests'],
			[{ name: 'x'.repeat(121) }, 'name'],
			[{ name: '   ' }, 'name'],
			[{ expertise: Array.from({ length: 21 }, (_, i) => `område ${i}`) }, 'expertise'],
			[{ expertise: ['y'.repeat(61)] }, 'expertise'],
			[{ bio: 'z'.repeat(2001) }, 'bio'],
			[{ organizationId: 'not-a-uuid' }, 'organizationId']
		];
		for (const [change, field] of attempts) {
			const result = await profiles.update(asAnna, anna.id, { ...valid, ...change });
			expect(result).toEqual({ ok: false, reason: 'invalid', field });
		}
		expect(await stored(anna.id)).toEqual(before);
	});

	it('reports an organization that does not exist', async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const before = await stored(anna.id);
		const result = await profiles.update(asAnna, anna.id, {
			...valid,
			organizationId: crypto.randomUUID()
		});
		expect(result).toEqual({ ok: false, reason: 'unknown_organization' });
		expect(await stored(anna.id)).toEqual(before);
	});

	it("does not let a person change someone else's profile", async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const result = await profiles.update(asAnna, erik.id, { ...valid, name: 'Hacked' });
		expect(result).toEqual({ ok: false, reason: 'not_found' });
		expect((await stored(erik.id)).name).toBe('Erik Berg');
	});
});

describe('notification preferences', () => {
	it('saves the person’s own preferences and reads them back', async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const saved = await profiles.updateNotifications(asAnna, anna.id, {
			notifyEmail: 'weekly',
			notifyInApp: false
		});
		expect(saved).toBe(true);
		const [row] = await db.sql`select notify_email, notify_in_app from public.accounts
			where user_id = ${anna.id}`;
		expect(row).toEqual({ notify_email: 'weekly', notify_in_app: false });
		expect(await profiles.account(asAnna, anna.id)).toEqual({
			email: anna.email,
			emailVerified: true,
			notifyEmail: 'weekly',
			notifyInApp: false
		});
	});

	it("refuses unknown choices and someone else's preferences", async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const bad = { notifyEmail: 'hourly', notifyInApp: true } as unknown as Parameters<
			typeof profiles.updateNotifications
		>[2];
		expect(await profiles.updateNotifications(asAnna, anna.id, bad)).toBe(false);
		expect(
			await profiles.updateNotifications(asAnna, erik.id, {
				notifyEmail: 'off',
				notifyInApp: false
			})
		).toBe(false);
		const rows = await db.sql`select user_id, notify_email, notify_in_app from public.accounts
			where user_id in ${db.sql([anna.id, erik.id])} order by user_id = ${anna.id} desc`;
		expect(rows.map((r) => [r.notify_email, r.notify_in_app])).toEqual([
			['weekly', false],
			['daily', true]
		]);
	});
});

describe('reference data for the form', () => {
	it('groups organizations by kind and names the goals in the chosen language', async () => {
		const asAnna = await forUser(db.rest, anna.id);
		const groups = await profiles.organizationGroups(asAnna);
		expect(groups[0]?.kind).toBe('kommun');
		const kommuner = groups[0]!.organizations.map((o) => o.name);
		expect(kommuner).toEqual([...kommuner].sort(new Intl.Collator('sv').compare));
		expect(kommuner).toContain('Ludvika kommun');
		const sv = await agenda2030.goals(asAnna, 'sv');
		const en = await agenda2030.goals(asAnna, 'en');
		expect(sv.map((g) => g.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
		expect(sv[0]?.name).not.toBe(en[0]?.name);
		expect(sv[0]?.color).toMatch(/^#[0-9A-Fa-f]{6}$/);
	});
});

describe('profiles.device', () => {
	it.each([
		[
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
			{ browser: 'Chrome 140', os: 'Linux' }
		],
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
			{ browser: 'Firefox 133', os: 'Windows' }
		],
		[
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
			{ browser: 'Safari 17', os: 'iOS' }
		],
		[
			'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
			{ browser: 'Microsoft Edge 131', os: 'macOS' }
		],
		['curl/8.5.0', { browser: null, os: null }],
		['', { browser: null, os: null }],
		[null, { browser: null, os: null }]
	])('describes %s', (userAgent, expected) => {
		expect(profiles.device(userAgent)).toEqual(expected);
	});
});

describe('profiles.normalizeExpertise', () => {
	it('splits on commas, trims, collapses spaces and drops repeats ignoring case', () => {
		expect(profiles.normalizeExpertise(['a, B ,, b', '  c  d ', 'Å, å'])).toEqual([
			'a',
			'B',
			'c d',
			'Å'
		]);
	});
});

describe('the profile form', () => {
	const submit = (fields: [string, string][]) => {
		const form = new FormData();
		for (const [k, v] of fields) form.append(k, v);
		return parse(schemas.details, form, ['sdg']);
	};

	it('reads a filled-in form, normalising expertise and goals', () => {
		const parsed = submit([
			['name', ' Anna '],
			['title', ''],
			['organization', ''],
			['bio', 'Rad ett\r\nrad två'],
			['expertise', 'GIS, gis ,  klimat'],
			['sdg', '13'],
			['sdg', '7'],
			['sdg', '13']
		]);
		expect(parsed).toEqual({
			ok: true,
			data: {
				name: 'Anna',
				title: null,
				organization: null,
				bio: 'Rad ett\nrad två',
				expertise: ['GIS', 'klimat'],
				sdg: [13, 7]
			}
		});
	});

	it('answers 400 with a message per field and keeps what was typed', () => {
		const parsed = submit([
			['name', 'x'.repeat(121)],
			['expertise', Array.from({ length: 21 }, (_, i) => `o${i}`).join(',')],
			['sdg', '18']
		]);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.failure.status).toBe(400);
		expect(Object.keys(parsed.failure.data.errors).sort()).toEqual(['expertise', 'name', 'sdg']);
		expect(parsed.failure.data.values.sdg).toBe('18');
	});
});
