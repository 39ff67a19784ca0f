import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mailer } from '$lib/server/mail';
import { useTestDatabase, buildUser, buildGroup, buildMembership } from '../testing/world.ts';
import { startSmtp } from '../testing/smtp.ts';
import { emit } from './emit.ts';
import { runDueDigests } from './scheduler.ts';
import * as links from './unsubscribe.ts';

// Digests end to end against the real database and a real SMTP server, with the clock passed
// in: what arrives, in which language, once, and not after unsubscribing.

const db = useTestDatabase();
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let group: { id: string; name: string };
let actor: { id: string; name: string };

beforeAll(async () => {
	smtp = await startSmtp();
	process.env.SMTP_URL = smtp.url;
	process.env.ORIGIN = 'https://erfa.example';
	process.env.SUPABASE_JWT_SECRET = 'digest-test-secret-with-at-least-32-characters';
	actor = await buildUser(db.sql, { name: 'Olle Ek' });
	group = await buildGroup(db.sql, { slug: 'kompetens', name: 'Kompetensförsörjning' });
});
afterAll(async () => {
	delete process.env.SMTP_URL;
	await mailer.idle();
	await smtp?.stop();
});
beforeEach(() => {
	smtp.inbox.length = 0;
});

async function person(notify: 'daily' | 'weekly', locale: 'sv' | 'en' = 'sv') {
	const user = await buildUser(db.sql);
	await db.sql`update public.accounts set notify_email = ${notify}, locale = ${locale}
		where user_id = ${user.id}`;
	await buildMembership(db.sql, { groupId: group.id, userId: user.id });
	return user;
}

/** A notification to `to` that happened at `at` on the test clock. */
async function happened(to: string, at: string, title: string, excerpt?: string) {
	await emit(db.sql, {
		kind: excerpt ? 'mention' : 'thread_created',
		groupId: group.id,
		actorId: actor.id,
		title,
		params: excerpt ? { excerpt } : {},
		link: `/groups/kompetens/discussions/${title.length}`,
		to: [to]
	});
	await db.sql`update public.notifications set created_at = ${new Date(at)}
		where user_id = ${to} and title = ${title}`;
}

async function mailsTo(email: string) {
	mailer.kick();
	await mailer.idle();
	return smtp.inbox.filter((m) => m.to.includes(email)).map((m) => decode(m.raw));
}

/** Subject and body with quoted-printable and encoded words undone, so words can be found. */
function decode(raw: string): string {
	// Encoded words in headers first (folded, possibly split), then the quoted-printable body.
	const headers = raw
		.replace(/\r?\n[ \t]+/g, ' ')
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
			enc.toUpperCase() === 'B'
				? Buffer.from(data, 'base64').toString('latin1')
				: data.replace(/_/g, ' ')
		);
	const qp = headers
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(qp, 'latin1').toString('utf8');
}

describe('daily digest', () => {
	// Tuesday 8 January 2030, 07:05 in Sweden.
	const tuesday = new Date('2030-01-08T06:05:00Z');

	it('arrives once in the reader’s language with who, what and the passage; later items wait', async () => {
		const reader = await person('daily', 'en');
		await happened(reader.id, '2030-01-07T15:00:00Z', 'Lönekartläggning', 'Can @Test read this?');
		await happened(reader.id, '2030-01-08T06:30:00Z', 'After the digest');
		await happened(reader.id, '2029-12-01T10:00:00Z', 'Too old to digest');

		expect((await runDueDigests(db.sql, tuesday)).daily).toBe(1);
		// The job runs again (another process, or a restart that forgot what it had seen).
		expect((await runDueDigests(db.sql, tuesday)).daily).toBeNull();
		expect((await runDueDigests(db.sql, new Date('2030-01-08T07:00:00Z'))).daily).toBeNull();

		const mails = await mailsTo(reader.email);
		expect(mails).toHaveLength(1);
		const mail = mails[0]!;
		expect(mail).toContain("Today's notifications from Erfa");
		expect(mail).toContain('You have 1 unread notification in Erfa.');
		expect(mail).toContain('Kompetensförsörjning');
		expect(mail).toContain('Olle Ek mentioned you: Lönekartläggning');
		expect(mail).toContain('> Can @Test read this?');
		expect(mail).not.toContain('After the digest');
		expect(mail).not.toContain('Too old to digest');

		// The next day's digest carries what came after the first one.
		expect((await runDueDigests(db.sql, new Date('2030-01-09T06:05:00Z'))).daily).toBe(1);
		const next = (await mailsTo(reader.email)).slice(1);
		expect(next).toHaveLength(1);
		expect(next[0]).toContain('Olle Ek started a discussion: After the digest');
		expect(next[0]).not.toContain('Lönekartläggning');
	});
});

describe('weekly digest', () => {
	// Monday 14 January 2030, 07:10 in Sweden: both the daily and the weekly digest are due.
	const monday = new Date('2030-01-14T06:10:00Z');

	it('arrives once for weekly readers only, in Swedish, and not after unsubscribing', async () => {
		const weekly = await person('weekly');
		const leaving = await person('weekly');
		const daily = await person('daily');
		await happened(weekly.id, '2030-01-10T09:00:00Z', 'Veckans nyhet');
		await happened(weekly.id, '2030-01-12T09:00:00Z', 'Helgens nyhet');
		await happened(leaving.id, '2030-01-11T09:00:00Z', 'Ska inte skickas');
		await happened(daily.id, '2030-01-14T05:00:00Z', 'Dagens nyhet');
		expect(await links.unsubscribe(db.sql, links.tokenFor(leaving.id))).toBe(true);

		const first = await runDueDigests(db.sql, monday);
		expect(first.weekly).toBe(1);
		expect(first.daily).toBe(1);
		expect(await runDueDigests(db.sql, monday)).toEqual({ daily: null, weekly: null });

		const mails = await mailsTo(weekly.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]).toContain('Veckans notiser från Erfa');
		expect(mails[0]).toContain('Du har 2 olästa notiser i Erfa.');
		expect(mails[0]).toContain('Olle Ek startade en diskussion: Veckans nyhet');
		expect(mails[0]).toContain('Olle Ek startade en diskussion: Helgens nyhet');
		expect(mails[0]).not.toContain('Dagens nyhet');
		expect(await mailsTo(leaving.email)).toEqual([]);
		const daily_ = await mailsTo(daily.email);
		expect(daily_).toHaveLength(1);
		expect(daily_[0]).toContain('Dagens notiser från Erfa');
	});
});
