import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending, transportFor } from '../mail/outbox.ts';
import { anonymous, forUser } from '$lib/server/platform';
import { startSmtp } from '../testing/smtp.ts';
import { buildUser, useTestDatabase, type BuiltUser } from '../testing/world.ts';
import * as issues from './issues.ts';
import * as sending from './sending.ts';
import * as subscriptions from './subscriptions.ts';
import { unsubscribeToken } from './tokens.ts';

// Sending an issue: every active subscriber gets it exactly once, even when the sender dies in
// the middle of a batch or stops between batches and a new one takes over; an unsubscription
// counts from the next batch; nothing goes to unconfirmed or unsubscribed addresses.

const db = useTestDatabase({ rest: true });
let admin: BuiltUser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
	admin = await buildUser(db.sql, { role: 'admin' });
	smtp = await startSmtp();
});
afterAll(() => smtp.stop());

async function subscribe(n: number, prefix: string): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const email = `${prefix}-${i}@example.test`;
		const asked = await subscriptions.request(db.sql, email, i % 2 ? 'en' : 'sv');
		if (asked.status !== 'sent') throw new Error('not sent');
		expect(await subscriptions.confirm(db.sql, asked.token)).toBe(true);
		const [row] = await db.sql`select id from public.newsletter_subscribers where email = ${email}`;
		ids.push(row!.id as string);
	}
	return ids;
}

async function draft(subject: string): Promise<string> {
	const as = await forUser(db.rest, admin.id);
	const saved = await issues.save(as, admin.id, null, {
		subjectSv: subject,
		subjectEn: `${subject} (en)`,
		introSv: '<p>Hej <strong>alla</strong>!</p><script>alert(1)</script>',
		introEn: '<p>Hello everyone!</p>',
		items: [{ kind: 'event', title: 'Konferensen', summary: 'I Ludvika', url: '/events' }]
	});
	if (!saved.ok) throw new Error(saved.reason);
	return saved.id;
}

const deliveriesOf = (issueId: string) =>
	db.sql`select subscriber_id, outbox_id from public.newsletter_deliveries where issue_id = ${issueId}`;

describe('sending an issue', () => {
	it('survives a crash mid-batch and a stop between batches: each subscriber exactly once', async () => {
		await subscribe(7, 'crash');
		// Neither an unconfirmed address nor an unsubscribed one receives it.
		await subscriptions.request(db.sql, 'pending@example.test', 'sv');
		const [gone] = await subscribe(1, 'gone');
		await subscriptions.unsubscribe(db.sql, unsubscribeToken(gone!));
		const id = await draft('Våren 2027');
		expect(await sending.begin(db.sql, id)).toMatchObject({ ok: true });

		// The process dies after queuing two mails of a batch: the batch leaves nothing behind.
		const crash = sending.sendBatch(db.sql, id, {
			size: 3,
			afterQueued: (n) => {
				if (n === 2) throw new Error('killed');
			}
		});
		await expect(crash).rejects.toThrow('killed');
		expect(await deliveriesOf(id)).toHaveLength(0);
		const [outbox] = await db.sql`select count(*)::int as n from public.outbox`;
		expect(outbox!.n).toBe(0);

		// A sender that is stopped after its first batch …
		let batches = 0;
		await sending.drain(db.sql, id, { size: 3, pauseMs: 0, stopped: () => batches++ >= 1 });
		expect(await deliveriesOf(id)).toHaveLength(3);
		// … and the one that resumes after a restart, racing a second process.
		await Promise.all([
			sending.resume(db.sql, { size: 3, pauseMs: 0 }),
			sending.resume(db.sql, { size: 3, pauseMs: 0 })
		]);

		const rows = await deliveriesOf(id);
		expect(rows).toHaveLength(7);
		expect(new Set(rows.map((r) => r.subscriber_id)).size).toBe(7);
		const [issue] =
			await db.sql`select status, sent_at from public.newsletter_issues where id = ${id}`;
		expect(issue).toMatchObject({ status: 'sent' });

		// Through real SMTP: seven messages, seven different recipients, none of them the others.
		const delivered = await deliverPending(db.sql, transportFor(smtp.url), 100);
		expect(delivered).toBe(7);
		const recipients = smtp.inbox.map((m) => m.to[0]);
		expect(new Set(recipients).size).toBe(7);
		expect(recipients.every((to) => to!.startsWith('crash-'))).toBe(true);
		const raw = smtp.inbox[0]!.raw.replace(/\r?\n[ \t]+/g, ' ');
		expect(raw).toMatch(/List-Unsubscribe: <http[^>]+\/newsletter\/unsubscribe\/one-click\?token=/);
		expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
		expect(raw).toMatch(/Content-Type: text\/plain/);
		expect(raw).toMatch(/Content-Type: text\/html/);
		expect(raw).not.toContain('<script');
	});

	it('counts an unsubscription from the next batch on', async () => {
		await db.sql`delete from public.newsletter_subscribers`;
		const ids = await subscribe(4, 'later');
		const id = await draft('Hösten 2027');
		await sending.begin(db.sql, id);
		await sending.sendBatch(db.sql, id, { size: 2 });
		const first = new Set((await deliveriesOf(id)).map((r) => r.subscriber_id));
		const waiting = ids.filter((s) => !first.has(s));
		// One of those not yet reached leaves before the next batch.
		await subscriptions.unsubscribe(db.sql, unsubscribeToken(waiting[0]!));
		await sending.drain(db.sql, id, { size: 2, pauseMs: 0 });
		const reached = (await deliveriesOf(id)).map((r) => r.subscriber_id);
		expect(reached).toHaveLength(3);
		expect(reached).not.toContain(waiting[0]);
	});

	it('refuses to send an empty issue and never sends a draft twice', async () => {
		const [row] = await db.sql`insert into public.newsletter_issues (subject_sv, created_by)
			values ('Tomt', ${admin.id}) returning id`;
		expect(await sending.begin(db.sql, row!.id as string)).toEqual({ ok: false, reason: 'empty' });
		const id = await draft('Två gånger');
		expect(await sending.begin(db.sql, id)).toMatchObject({ ok: true });
		expect(await sending.begin(db.sql, id)).toEqual({ ok: false, reason: 'not_found' });
	});

	it('shows sent issues to anyone and nothing else of the newsletter to the anonymous key', async () => {
		const anon = anonymous(db.rest);
		const archive = await issues.archive(anon);
		expect(archive.map((i) => i.subjectSv)).toContain('Våren 2027');
		expect(archive.every((i) => i.status === 'sent')).toBe(true);
		for (const table of ['newsletter_subscribers', 'newsletter_deliveries']) {
			const { data } = await anon.from(table).select('*');
			expect(data ?? []).toEqual([]);
		}
		const member = await buildUser(db.sql);
		const asMember = await forUser(db.rest, member.id);
		const { data: seen } = await asMember.from('newsletter_subscribers').select('email');
		expect(seen).toEqual([]);
		const { data: drafts } = await asMember
			.from('newsletter_issues')
			.select('id')
			.neq('status', 'sent');
		expect(drafts).toEqual([]);
		// Nobody but an administrator writes an issue.
		const attempt = await issues.save(asMember, member.id, null, {
			subjectSv: 'Kapat',
			subjectEn: '',
			introSv: '<p>x</p>',
			introEn: '',
			items: []
		});
		expect(attempt).toEqual({ ok: false, reason: 'not_allowed' });
	});
});
