import type { Sql } from 'postgres';
import { hashPassword } from '../auth/password.ts';
import * as sessions from '../auth/sessions.ts';

// Builders for test data: each takes overrides and fills in the rest with something valid.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const TEST_PASSWORD = 'correct horse battery staple';
let testHash: Promise<string> | undefined;

export interface UserOverrides {
	name?: string;
	email?: string;
	organizationSlug?: string | null;
	role?: 'member' | 'researcher' | 'admin';
	verified?: boolean;
	deactivated?: boolean;
	password?: string;
}

export interface BuiltUser {
	id: string;
	name: string;
	email: string;
	password: string;
}

export async function buildUser(sql: Sql, overrides: UserOverrides = {}): Promise<BuiltUser> {
	const id = unique();
	const name = overrides.name ?? `Test Person ${id}`;
	const email = overrides.email ?? `person-${id}@example.test`;
	const password = overrides.password ?? TEST_PASSWORD;
	const passwordHash = overrides.password
		? await hashPassword(password)
		: await (testHash ??= hashPassword(TEST_PASSWORD));
	const slug = overrides.organizationSlug === undefined ? 'avesta' : overrides.organizationSlug;
	const [profile] =
		await sql`insert into public.profiles (name, organization_id, role, deactivated_at)
		values (${name}, (select id from public.organizations where slug = ${slug}), ${overrides.role ?? 'member'},
			${overrides.deactivated ? new Date() : null})
		returning id`;
	await sql`insert into public.accounts (user_id, email, email_verified_at)
		values (${profile!.id}, ${email}, ${overrides.verified === false ? null : new Date()})`;
	await sql`insert into erfa_private.credentials (user_id, password_hash) values (${profile!.id}, ${passwordHash})`;
	return { id: profile!.id, name, email, password };
}

/** A user with a live session token, as a logged-in browser would hold. */
export async function buildSignedInUser(sql: Sql, overrides: UserOverrides = {}) {
	const user = await buildUser(sql, overrides);
	const session = await sessions.create(sql, user.id, 'vitest');
	return { ...user, token: session.token };
}
