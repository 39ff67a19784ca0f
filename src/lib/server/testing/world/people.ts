import type { Sql } from 'postgres';
import { hashPassword } from '../../auth/password.ts';
import * as sessions from '../../auth/sessions.ts';
import { unique } from './unique.ts';

// People and organizations: each builder takes overrides and fills in the rest with something valid.

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

export interface OrganizationOverrides {
	slug?: string;
	name?: string;
	kind?: 'kommun' | 'region' | 'university' | 'association' | 'other';
	county?: string | null;
	municipalityCode?: string | null;
	isMember?: boolean;
}

export async function buildOrganization(sql: Sql, overrides: OrganizationOverrides = {}) {
	const slug = overrides.slug ?? `org-${unique()}`;
	const name = overrides.name ?? `Organisation ${slug}`;
	const [row] = await sql<{ id: string }[]>`
		insert into public.organizations (slug, name, kind, county, municipality_code, is_member)
		values (${slug}, ${name}, ${overrides.kind ?? 'kommun'}, ${overrides.county ?? null},
			${overrides.municipalityCode ?? null}, ${overrides.isMember ?? true})
		returning id`;
	return { id: row!.id, slug, name };
}
