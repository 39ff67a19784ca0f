import Bowser from 'bowser';
import { z } from 'zod';
import { KINDS } from '../../organizations/kinds.ts';
import * as organizations from './organizations.ts';
import type { Db } from '$lib/server/platform';
import type { OrganizationGroup } from '../../people/types.ts';
export type { OrganizationGroup };

// A person's own profile and preferences. Every read and write goes through the caller's
// supabase-js client, so row-level security decides whose rows these are; the checks here keep
// bad input from reaching the database at all, whatever route calls them.

export const limits = {
	name: 120,
	title: 120,
	bio: 2000,
	expertiseCount: 20,
	expertiseLength: 60
} as const;

export const notifyEmailChoices = ['instant', 'daily', 'weekly', 'off'] as const;
export type NotifyEmail = (typeof notifyEmailChoices)[number];

export interface ProfileDetails {
	name: string;
	title: string | null;
	organizationId: string | null;
	bio: string | null;
	expertise: string[];
	sdgInterests: number[];
}

export interface Profile extends ProfileDetails {
	id: string;
}

export interface Account {
	email: string;
	emailVerified: boolean;
	notifyEmail: NotifyEmail;
	notifyInApp: boolean;
}

export interface NotificationPreferences {
	notifyEmail: NotifyEmail;
	notifyInApp: boolean;
}

/** Splits "a, b,  B ,c" into ["a", "b", "c"]: trimmed, inner spaces collapsed, no repeats. */
export function normalizeExpertise(entries: string[]): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const entry of entries.flatMap((e) => e.split(','))) {
		const clean = entry.trim().replace(/\s+/g, ' ');
		const key = clean.toLocaleLowerCase('sv');
		if (!clean || seen.has(key)) continue;
		seen.add(key);
		out.push(clean);
	}
	return out;
}

const nullableText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.nullable()
		.transform((v) => v || null);

// The domain's own rules: the route's schema gives friendlier messages, this one guarantees.
const detailsRules = z.object({
	name: z.string().trim().min(1).max(limits.name),
	title: nullableText(limits.title),
	organizationId: z.uuid().nullable(),
	bio: nullableText(limits.bio),
	expertise: z
		.array(z.string())
		.transform(normalizeExpertise)
		.pipe(z.array(z.string().max(limits.expertiseLength)).max(limits.expertiseCount)),
	sdgInterests: z
		.array(z.number().int().min(1).max(17))
		.transform((goals) => [...new Set(goals)].sort((a, b) => a - b))
});

const profileColumns = 'id, name, title, organization_id, bio, expertise, sdg_interests';

interface ProfileRow {
	id: string;
	name: string;
	title: string | null;
	organization_id: string | null;
	bio: string | null;
	expertise: string[];
	sdg_interests: number[];
}

export async function get(db: Db, id: string): Promise<Profile | null> {
	const { data, error } = await db
		.from('profiles')
		.select(profileColumns)
		.eq('id', id)
		.maybeSingle();
	if (error) throw new Error(`profiles: ${error.message}`);
	const row = data as ProfileRow | null;
	if (!row) return null;
	return {
		id: row.id,
		name: row.name,
		title: row.title,
		organizationId: row.organization_id,
		bio: row.bio,
		expertise: row.expertise,
		sdgInterests: row.sdg_interests
	};
}

export type UpdateResult =
	| { ok: true }
	| { ok: false; reason: 'invalid'; field: keyof ProfileDetails }
	| { ok: false; reason: 'unknown_organization' }
	| { ok: false; reason: 'not_found' };

/** Saves the profile details; "not_found" when the row is not there or not the caller's. */
export async function update(db: Db, id: string, input: ProfileDetails): Promise<UpdateResult> {
	const checked = detailsRules.safeParse(input);
	if (!checked.success) {
		const field = checked.error.issues[0]?.path[0] as keyof ProfileDetails;
		return { ok: false, reason: 'invalid', field };
	}
	const d = checked.data;
	const { data, error } = await db
		.from('profiles')
		.update({
			name: d.name,
			title: d.title,
			organization_id: d.organizationId,
			bio: d.bio,
			expertise: d.expertise,
			sdg_interests: d.sdgInterests
		})
		.eq('id', id)
		.select('id');
	if (error?.code === '23503') return { ok: false, reason: 'unknown_organization' };
	if (error) throw new Error(`profiles: ${error.message}`);
	return data.length > 0 ? { ok: true } : { ok: false, reason: 'not_found' };
}

export async function account(db: Db, userId: string): Promise<Account | null> {
	const { data, error } = await db
		.from('accounts')
		.select('email, email_verified_at, notify_email, notify_in_app')
		.eq('user_id', userId)
		.maybeSingle();
	if (error) throw new Error(`accounts: ${error.message}`);
	if (!data) return null;
	return {
		email: data.email as string,
		emailVerified: data.email_verified_at !== null,
		notifyEmail: data.notify_email as NotifyEmail,
		notifyInApp: data.notify_in_app as boolean
	};
}

const preferenceRules = z.object({
	notifyEmail: z.enum(notifyEmailChoices),
	notifyInApp: z.boolean()
});

/** Saves the notification preferences; false when the input is invalid or the row not theirs. */
export async function updateNotifications(
	db: Db,
	userId: string,
	input: NotificationPreferences
): Promise<boolean> {
	const checked = preferenceRules.safeParse(input);
	if (!checked.success) return false;
	const { data, error } = await db
		.from('accounts')
		.update({ notify_email: checked.data.notifyEmail, notify_in_app: checked.data.notifyInApp })
		.eq('user_id', userId)
		.select('user_id');
	if (error) throw new Error(`accounts: ${error.message}`);
	return data.length > 0;
}

/** Every organization a person can belong to, grouped by kind and sorted by Swedish name. */
export async function organizationGroups(db: Db): Promise<OrganizationGroup[]> {
	const all = await organizations.choices(db);
	return KINDS.map((kind) => ({
		kind,
		organizations: all.filter((o) => o.kind === kind).map(({ id, name }) => ({ id, name }))
	})).filter((group) => group.organizations.length > 0);
}

export interface Device {
	/** Browser and major version, e.g. "Chrome 140"; null when not recognised. */
	browser: string | null;
	/** Operating system, e.g. "Linux"; null when not recognised. */
	os: string | null;
}

/** What a session's user agent says about the device, for the list of active sessions. */
export function device(userAgent: string | null): Device {
	if (!userAgent?.trim()) return { browser: null, os: null };
	const parser = Bowser.getParser(userAgent);
	const name = parser.getBrowserName();
	const major = parser.getBrowserVersion()?.split('.')[0];
	return {
		browser: name ? (major ? `${name} ${major}` : name) : null,
		os: parser.getOSName() || null
	};
}
