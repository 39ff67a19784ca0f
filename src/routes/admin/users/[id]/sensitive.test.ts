import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { hashToken, sessions, type SessionUser } from '$lib/server/auth';
import { forUser } from '$lib/server/platform';
import { useTestDatabase, buildUser } from '$lib/server/testing/world';
import { actions } from './+page.server';

// Role changes, deactivation and deletion on request need a recent sign-in (auth/recent.ts).

const db = useTestDatabase({ rest: true });

async function administrator(minutesSinceSignIn: number) {
	const built = await buildUser(db.sql, { role: 'admin' });
	const { token } = await sessions.create(db.sql, built.id, 'vitest');
	const id = hashToken(token);
	await db.sql`update erfa_private.sessions
		set authenticated_at = now() - make_interval(mins => ${minutesSinceSignIn}) where id = ${id}`;
	const user = { id: built.id, name: built.name, role: 'admin' } as SessionUser;
	return { user, session: { id }, supabase: await forUser(db.rest, built.id) };
}

async function submit(
	action: keyof typeof actions,
	target: string,
	fields: Record<string, string>,
	locals: object
) {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	const url = new URL(`https://erfa.example/admin/users/${target}?/${action}`);
	const event = {
		url,
		params: { id: target },
		locals,
		request: new Request(url, { method: 'POST', body }),
		cookies: { get: () => undefined, set: () => {}, delete: () => {} },
		getClientAddress: () => '192.0.2.1',
		setHeaders: () => {}
	};
	try {
		return await (actions[action] as (e: never) => unknown)(event as never);
	} catch (e) {
		if (isRedirect(e)) return { redirect: e.location };
		throw e;
	}
}

describe('sensitive administrator actions', () => {
	it('send a stale session to /reauth and change nothing', async () => {
		const admin = await administrator(20);
		const person = await buildUser(db.sql);
		const back = {
			redirect: `/reauth?returnTo=${encodeURIComponent(`/admin/users/${person.id}`)}`
		};
		expect(await submit('role', person.id, { role: 'researcher' }, admin)).toEqual(back);
		expect(await submit('deactivate', person.id, { confirm: 'yes' }, admin)).toEqual(back);
		expect(await submit('erase', person.id, { erase_confirm: 'yes' }, admin)).toEqual(back);
		const [row] =
			await db.sql`select role, deactivated_at from public.profiles where id = ${person.id}`;
		expect(row).toEqual({ role: 'member', deactivated_at: null });
	});

	it('go through with a recent sign-in; deletion on request removes the account', async () => {
		const admin = await administrator(2);
		const person = await buildUser(db.sql);
		expect(await submit('role', person.id, { role: 'researcher' }, admin)).toEqual({
			saved: 'role'
		});
		expect(await submit('erase', person.id, { erase_confirm: 'yes' }, admin)).toEqual({
			redirect: '/admin/users?deleted=1'
		});
		expect(await db.sql`select 1 from public.profiles where id = ${person.id}`).toHaveLength(0);
	});
});
