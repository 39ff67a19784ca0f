import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as unsubscribePage from '../../../routes/unsubscribe/+page.server.ts';
import { connect } from '$lib/server/platform';
import { mailer } from '$lib/server/mail';
import {
	useTestDatabase,
	buildUser,
	type BuiltUser,
	buildGroup,
	buildMembership
} from '../testing/world.ts';
import { linkIn, startSmtp } from '../testing/smtp.ts';
import { deliverInstant } from './delivery.ts';
import { emit } from './emit.ts';
import { handleOneClick } from './one-click.ts';
import { runDueDigests } from './scheduler.ts';
import * as links from './unsubscribe.ts';

const db = useTestDatabase();
let second: Sql; // a second pool, standing in for another app process
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let web: Server;
let webUrl: string;
let actor: BuiltUser;
let openGroup: string;
let closedGroup: string;
const ORIGIN = 'https://erfa.example';

beforeAll(async () => {
	second = connect(db.url, 5);
	smtp = await startSmtp();
	process.env.SMTP_URL = smtp.url;
	process.env.ORIGIN = ORIGIN;
	process.env.SUPABASE_JWT_SECRET = 'delivery-test-secret-with-at-least-32-chars';
	// The launcher's first stop for one-click POSTs, in a real HTTP server.
	web = createServer((req, res) => {
		if (!handleOneClick(req, res)) res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
	webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
	actor = await buildUser(db.sql);
	openGroup = (await buildGroup(db.sql, { slug: 'oppen', name: 'Open Group' })).id;
	closedGroup = (
		await buildGroup(db.sql, { slug: 'stangd', name: 'Closed Group', visibility: 'closed' })
	).id;
});
afterAll(async () => {
	delete process.env.SMTP_URL;
	await mailer.idle();
	web?.closeAllConnections();
	await new Promise((resolve) => web?.close(resolve));
	await second?.end({ timeout: 1 });
	await smtp?.stop();
});
beforeEach(() => {
	smtp.inbox.length = 0;
});

async function person(notify: 'instant' | 'daily' | 'weekly' | 'off', groups: string[]) {
	const user = await buildUser(db.sql);
	await db.sql`update public.accounts set notify_email = ${notify} where user_id = ${user.id}`;
	for (const g of groups) {
		await buildMembership(db.sql, { groupId: g, userId: user.id });
	}
	return user;
}

function tell(groupId: string | null, title: string, to: string[]) {
	return emit(db.sql, {
		kind: groupId ? 'thread_created' : 'group_approved',
		groupId,
		actorId: actor.id,
		title,
		link: `/groups/x/${title.replaceAll(' ', '-')}`,
		to
	});
}

async function mailsTo(email: string) {
	mailer.kick();
	await mailer.idle();
	return smtp.inbox.filter((m) => m.to.includes(email)).map((m) => m.raw);
}

/** The body with quoted-printable undone, so words can be searched (headers stay as sent). */
function body(raw: string): string {
	const bytes = raw
		.slice(raw.search(/\r?\n\r?\n/))
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

function header(raw: string, name: string): string | null {
	const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
	const line = head
		.split(/\r?\n/)
		.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
	return line ? line.slice(name.length + 1).trim() : null;
}

/** Moves these people's notifications to the test clock's time. */
async function happenedAt(userIds: string[], at: Date) {
	await db.sql`update public.notifications set created_at = ${at}
		where user_id = any(${userIds}::uuid[])`;
}

async function notifyEmail(userId: string) {
	const [row] = await db.sql`select notify_email from public.accounts where user_id = ${userId}`;
	return row!.notify_email as string;
}

describe('instant e-mail', () => {
	it('sends each notification once, even with two delivery loops at the same time', async () => {
		const instant = await person('instant', [openGroup]);
		const daily = await person('daily', [openGroup]);
		for (const n of [1, 2, 3, 4, 5]) await tell(openGroup, `News ${n}`, [instant.id, daily.id]);
		const drain = async (sql: Sql) => {
			let total = 0;
			for (let sent = 1; sent > 0; total += sent) sent = await deliverInstant(sql, 1);
			return total;
		};
		const [a, b] = await Promise.all([drain(db.sql), drain(second)]);
		expect(a + b).toBe(5);
		expect(await deliverInstant(db.sql)).toBe(0);
		const mails = await mailsTo(instant.email);
		const subjects = mails.map((m) => header(m, 'Subject')).sort();
		const by = `${actor.name} startade en diskussion`;
		expect(subjects).toEqual([1, 2, 3, 4, 5].map((n) => `Erfa: ${by}: News ${n}`));
		expect(await mailsTo(daily.email)).toEqual([]);
		const [row] = await db.sql`select count(*)::int as n from public.notifications
			where user_id = ${instant.id} and emailed_at is null`;
		expect(row!.n).toBe(0);
	});

	it('carries one-click unsubscribe headers and a link in the text', async () => {
		const instant = await person('instant', [openGroup]);
		await tell(openGroup, 'With headers', [instant.id]);
		await deliverInstant(db.sql);
		const [mail] = await mailsTo(instant.email);
		expect(header(mail!, 'List-Unsubscribe')).toBe(`<${links.oneClickLink(instant.id)}>`);
		expect(header(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		expect(linkIn(mail!, `${ORIGIN}/unsubscribe?token=`)).toBe(links.pageLink(instant.id));
	});

	it('is not sent about a closed group the person has left since', async () => {
		const leaver = await person('instant', [closedGroup]);
		await tell(closedGroup, 'Closed secret', [leaver.id]);
		await db.sql`delete from public.group_members where user_id = ${leaver.id}`;
		expect(await deliverInstant(db.sql)).toBe(0);
		expect(await mailsTo(leaver.email)).toEqual([]);
	});
});

describe('daily digest', () => {
	// Tuesday 8 January 2030, 07:05 in Sweden: the daily digest is due, the weekly is not.
	const now = new Date('2030-01-08T06:05:00Z');

	it('goes out once when two processes claim the same period, with only readable groups', async () => {
		const reader = await person('daily', [openGroup, closedGroup]);
		const weekly = await person('weekly', [openGroup]);
		await tell(openGroup, 'Open news', [reader.id, weekly.id]);
		await tell(closedGroup, 'Closed news', [reader.id]);
		await tell(null, 'Your group was approved', [reader.id]);
		await db.sql`delete from public.group_members
			where user_id = ${reader.id} and group_id = ${closedGroup}`;
		await happenedAt([reader.id, weekly.id], new Date('2030-01-08T05:00:00Z'));

		const results = await Promise.all([runDueDigests(db.sql, now), runDueDigests(second, now)]);
		expect(results.map((r) => r.weekly)).toEqual([null, null]);
		// Exactly one process ran it (it also mailed the daily reader of the first test).
		expect(results.filter((r) => r.daily === null)).toHaveLength(1);
		expect(results.find((r) => r.daily !== null)!.daily).toBeGreaterThanOrEqual(1);
		const runs = await db.sql`select kind, period_start, finished_at from erfa_private.digest_runs`;
		expect(runs).toHaveLength(1);
		expect(runs[0]!.period_start.toISOString()).toBe('2030-01-08T06:00:00.000Z');
		expect(runs[0]!.finished_at).not.toBeNull();

		const mails = await mailsTo(reader.email);
		expect(mails).toHaveLength(1);
		const digest = mails[0]!;
		const text = body(digest);
		expect(text).toContain('Open Group');
		expect(text).toContain('Open news');
		expect(text).toContain('Your group was approved');
		expect(text).not.toContain('Closed news');
		expect(text).not.toContain('Closed Group');
		expect(await mailsTo(weekly.email)).toEqual([]);
		// A later tick for the same period does nothing.
		expect((await runDueDigests(db.sql, new Date('2030-01-08T07:00:00Z'))).daily).toBeNull();
		expect(await mailsTo(reader.email)).toHaveLength(1);

		// Following the digest's one-click unsubscribe address turns e-mail off.
		const target = header(digest, 'List-Unsubscribe')!.slice(1, -1).replace(ORIGIN, webUrl);
		const response = await fetch(target, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});
		expect(response.status).toBe(200);
		expect(await notifyEmail(reader.id)).toBe('off');
	});

	it('has a page link that asks first, then turns e-mail off', async () => {
		const reader = await person('daily', [openGroup]);
		await tell(openGroup, 'Another day', [reader.id]);
		await happenedAt([reader.id], new Date('2030-01-09T05:00:00Z'));
		await runDueDigests(db.sql, new Date('2030-01-09T06:05:00Z'));
		const [digest] = await mailsTo(reader.email);
		const link = new URL(linkIn(digest!, `${ORIGIN}/unsubscribe?token=`)!);
		// Opening the page (as a mail scanner would) changes nothing.
		type LoadEvent = Parameters<typeof unsubscribePage.load>[0];
		const shown = await unsubscribePage.load({ url: link } as unknown as LoadEvent);
		expect(shown).toMatchObject({ token: link.searchParams.get('token') });
		expect(await notifyEmail(reader.id)).toBe('daily');
		// Its button posts the token back.
		type ActionEvent = Parameters<typeof unsubscribePage.actions.default>[0];
		const request = new Request(link, {
			method: 'POST',
			body: new URLSearchParams({ token: link.searchParams.get('token')! })
		});
		const done = await unsubscribePage.actions.default({ request } as unknown as ActionEvent);
		expect(done).toEqual({ done: true });
		expect(await notifyEmail(reader.id)).toBe('off');
	});
});

describe('unsubscribe tokens', () => {
	it('refuse forged, altered or borrowed tokens', async () => {
		const victim = await person('daily', []);
		const attacker = await person('daily', []);
		const [, attackerMac] = links.tokenFor(attacker.id).split('.');
		const forged = [
			`${victim.id}.${attackerMac}`,
			`${victim.id}.${'A'.repeat(43)}`,
			`${victim.id}`,
			'not-a-token',
			`${links.tokenFor(victim.id)}x`
		];
		for (const token of forged) {
			expect(links.verify(token)).toBeNull();
			expect(await links.unsubscribe(db.sql, token)).toBe(false);
			const response = await fetch(
				`${webUrl}${links.ONE_CLICK_PATH}?token=${encodeURIComponent(token)}`,
				{ method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) }
			);
			expect(response.status).toBe(404);
		}
		expect(await notifyEmail(victim.id)).toBe('daily');
	});

	it('need the one-click body (a bare POST or a GET does nothing)', async () => {
		const user = await person('instant', []);
		const url = `${webUrl}${links.ONE_CLICK_PATH}?token=${links.tokenFor(user.id)}`;
		expect((await fetch(url, { method: 'POST', body: 'something=else' })).status).toBe(400);
		expect((await fetch(url)).status).toBe(404); // not the Node handler's business
		expect(await notifyEmail(user.id)).toBe('instant');
	});

	it('answer an oversized body with 400, not a cut connection', async () => {
		const user = await person('instant', []);
		const url = `${webUrl}${links.ONE_CLICK_PATH}?token=${links.tokenFor(user.id)}`;
		const body = `List-Unsubscribe=One-Click&${'x'.repeat(20_000)}`;
		expect((await fetch(url, { method: 'POST', body })).status).toBe(400);
		expect(await notifyEmail(user.id)).toBe('instant');
	});
});
