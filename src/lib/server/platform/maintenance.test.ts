import { describe, expect, it } from 'vitest';
import { purge } from './maintenance.ts';
import { useTestDatabase, buildUser } from '../testing/world.ts';

const db = useTestDatabase();

describe('purge', () => {
	it('deletes expired sessions, tokens, old counters and old mail, and keeps what is current', async () => {
		const user = await buildUser(db.sql);
		await db.sql`insert into erfa_private.sessions (id, user_id, expires_at, absolute_expires_at) values
			(${'1'.repeat(64)}, ${user.id}, now() - interval '1 minute', now() + interval '1 day'),
			(${'2'.repeat(64)}, ${user.id}, now() + interval '1 day', now() + interval '2 days')`;
		await db.sql`insert into erfa_private.email_tokens (id, user_id, purpose, expires_at) values
			(${'3'.repeat(64)}, ${user.id}, 'reset', now() - interval '1 minute'),
			(${'4'.repeat(64)}, ${user.id}, 'verify', now() + interval '1 hour')`;
		await db.sql`insert into erfa_private.throttle (key, hits, window_started_at) values
			('old', 3, now() - interval '2 days'), ('new', 1, now())`;
		await db.sql`insert into erfa_private.backoff (subject, ip, failures, last_failure_at, blocked_until)
			values ('login:old@example.test', '192.0.2.1', 7, now() - interval '2 days', now() - interval '2 days'),
				('login:new@example.test', '192.0.2.1', 7, now(), now() + interval '1 minute')`;
		await db.sql`insert into public.outbox (to_address, subject, body_text, created_at, sent_at) values
			('a@example.test', 'old', 'x', now() - interval '100 days', now() - interval '100 days'),
			('b@example.test', 'new', 'x', now(), now())`;
		const purged = await purge(db.sql);
		expect(purged).toMatchObject({
			sessions: 1,
			emailTokens: 1,
			throttle: 1,
			backoff: 1,
			outbox: 1
		});
		const sessions = await db.sql`select id from erfa_private.sessions where user_id = ${user.id}`;
		expect(sessions.map((r) => r.id)).toEqual(['2'.repeat(64)]);
		const throttle = await db.sql`select key from erfa_private.throttle`;
		expect(throttle.map((r) => r.key)).toEqual(['new']);
		const backoff = await db.sql`select subject from erfa_private.backoff`;
		expect(backoff.map((r) => r.subject)).toEqual(['login:new@example.test']);
		const outbox = await db.sql`select subject from public.outbox`;
		expect(outbox.map((r) => r.subject)).toEqual(['new']);
	});
});
