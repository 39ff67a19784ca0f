import type { Sql } from 'postgres';
import { z } from 'zod';
import { m } from '../../paraglide/messages.js';
import { notify } from './notices.ts';
import { failed } from './rows.ts';
import { type Locale, sendInvitation } from '$lib/server/mail';
import type { GroupRef } from './types.ts';
import type { Db } from '$lib/server/platform';

// Invitations by e-mail, also to people who have no account yet: an invitation belongs to an
// address, and whoever verifies that address (now or after registering) sees and accepts it.
// Part of ./memberships.ts, which re-exports these functions.

const MESSAGE_MAX = 1000;

export type Invited = 'invited' | 'already_invited' | 'already_member' | 'forbidden' | 'invalid';

interface Invitee {
	user_id: string;
	locale: Locale;
	member: boolean;
}

export interface InviteInput {
	group: GroupRef;
	email: string;
	message: string;
	inviter: { id: string; name: string };
	/** The inviter's language, used for people who have no account (and so no language) yet. */
	locale: Locale;
}

/** The account behind an address, if any: privileged, since addresses are private. */
async function findInvitee(privileged: Sql, groupId: string, email: string) {
	const [invitee] = await privileged<Invitee[]>`
		select a.user_id, a.locale, exists (select 1 from public.group_members gm
			where gm.group_id = ${groupId} and gm.user_id = a.user_id) as member
		from public.accounts a where a.email = ${email}`;
	return invitee ?? null;
}

async function tell(privileged: Sql, input: InviteInput, email: string, invitee: Invitee | null) {
	const { group, inviter } = input;
	await sendInvitation(privileged, {
		to: email,
		groupName: group.name,
		inviterName: inviter.name,
		message: input.message.trim(),
		registered: invitee !== null,
		locale: invitee?.locale ?? input.locale
	});
	if (!invitee) return;
	await notify(privileged, {
		kind: 'invitation',
		groupId: group.id,
		actorId: inviter.id,
		link: '/invitations',
		to: [invitee.user_id],
		params: { name: inviter.name, group: group.name },
		title: (locale) =>
			m.groups_notice_invitation({ name: inviter.name, group: group.name }, { locale })
	});
}

/**
 * A coordinator invites an address: stores the invitation (RLS decides who may), e-mails it and
 * notifies the person when they are registered. Whether the address has an account is never
 * told to the coordinator, except when it is already one of the group's members.
 */
export async function invite(db: Db, privileged: Sql, input: InviteInput): Promise<Invited> {
	const email = input.email.trim().toLowerCase();
	const message = input.message.trim();
	if (!z.email().safeParse(email).success || message.length > MESSAGE_MAX) return 'invalid';
	const invitee = await findInvitee(privileged, input.group.id, email);
	if (invitee?.member) return 'already_member';
	const { error } = await db.from('invitations').insert({
		group_id: input.group.id,
		email,
		invited_by: input.inviter.id,
		message
	});
	if (error?.code === '23505') return 'already_invited';
	if (error?.code === '42501') return 'forbidden';
	if (error) failed('invitations.invite', error);
	await tell(privileged, input, email, invitee);
	return 'invited';
}

export interface OpenInvitation {
	id: string;
	email: string;
	invitedBy: string | null;
	message: string;
	createdAt: string;
}

/** Invitations not yet answered, for the group's coordinators. */
export async function pendingInvitations(db: Db, groupId: string): Promise<OpenInvitation[]> {
	const { data, error } = await db
		.from('invitations')
		.select('id, email, message, created_at, inviter:profiles(name)')
		.eq('group_id', groupId)
		.is('accepted_at', null)
		.is('declined_at', null)
		.order('created_at');
	if (error) failed('invitations.pending', error);
	type Row = {
		id: string;
		email: string;
		message: string;
		created_at: string;
		inviter: { name: string } | null;
	};
	return (data as unknown as Row[]).map((r) => ({
		id: r.id,
		email: r.email,
		invitedBy: r.inviter?.name ?? null,
		message: r.message,
		createdAt: r.created_at
	}));
}

/** A coordinator takes back an invitation that has not been answered. */
export async function cancelInvitation(
	db: Db,
	input: { groupId: string; invitationId: string }
): Promise<boolean> {
	if (!z.uuid().safeParse(input.invitationId).success) return false;
	const { data, error } = await db
		.from('invitations')
		.update({ declined_at: new Date().toISOString() })
		.eq('id', input.invitationId)
		.eq('group_id', input.groupId)
		.is('accepted_at', null)
		.is('declined_at', null)
		.select('id');
	if (error) failed('invitations.cancel', error);
	return data.length > 0;
}

export interface MyInvitation {
	id: string;
	group: { slug: string; name: string; visibility: 'open' | 'closed'; description: string };
	invitedBy: string | null;
	message: string;
	createdAt: string;
}

async function verifiedEmail(db: Db, userId: string): Promise<string | null> {
	const { data, error } = await db
		.from('accounts')
		.select('email, email_verified_at')
		.eq('user_id', userId)
		.maybeSingle();
	if (error) failed('invitations.verifiedEmail', error);
	const row = data as { email: string; email_verified_at: string | null } | null;
	return row?.email_verified_at ? row.email : null;
}

/**
 * Open invitations to the caller's verified address. Filtered by the address because a
 * coordinator may also read the invitations of their own groups.
 */
export async function myInvitations(
	db: Db,
	userId: string
): Promise<{ verified: boolean; invitations: MyInvitation[] }> {
	const email = await verifiedEmail(db, userId);
	if (!email) return { verified: false, invitations: [] };
	const { data, error } = await db
		.from('invitations')
		.select(
			'id, message, created_at, group:groups(slug, name, visibility, description), inviter:profiles(name)'
		)
		.eq('email', email)
		.is('accepted_at', null)
		.is('declined_at', null)
		.order('created_at', { ascending: false });
	if (error) failed('invitations.mine', error);
	type Row = {
		id: string;
		message: string;
		created_at: string;
		group: MyInvitation['group'] | null;
		inviter: { name: string } | null;
	};
	const invitations = (data as unknown as Row[])
		.filter((r) => r.group !== null)
		.map((r) => ({
			id: r.id,
			group: r.group!,
			invitedBy: r.inviter?.name ?? null,
			message: r.message,
			createdAt: r.created_at
		}));
	return { verified: true, invitations };
}

export type Accepted =
	| { result: 'accepted' | 'already_decided'; slug: string | null }
	| { result: 'not_found'; slug: null };

/** Accepts an invitation to the caller's verified address; membership follows at once. */
export async function acceptInvitation(db: Db, invitationId: string): Promise<Accepted> {
	if (!z.uuid().safeParse(invitationId).success) return { result: 'not_found', slug: null };
	const { data: found } = await db
		.from('invitations')
		.select('group:groups(slug)')
		.eq('id', invitationId)
		.maybeSingle();
	const slug = (found as { group: { slug: string } | null } | null)?.group?.slug ?? null;
	const { data, error } = await db.rpc('accept_invitation', { invitation: invitationId });
	if (error) failed('invitations.accept', error);
	const result = data as Accepted['result'];
	return result === 'not_found' ? { result, slug: null } : { result, slug };
}

export type Declined = 'declined' | 'already_decided' | 'not_found';

/** Declines an invitation to the caller's verified address. */
export async function declineInvitation(
	db: Db,
	input: { invitationId: string; userId: string }
): Promise<Declined> {
	const email = await verifiedEmail(db, input.userId);
	if (!email || !z.uuid().safeParse(input.invitationId).success) return 'not_found';
	const { data, error } = await db
		.from('invitations')
		.update({ declined_at: new Date().toISOString() })
		.eq('id', input.invitationId)
		.eq('email', email)
		.is('accepted_at', null)
		.is('declined_at', null)
		.select('id');
	if (error) failed('invitations.decline', error);
	if (data.length > 0) return 'declined';
	const { data: seen } = await db
		.from('invitations')
		.select('id')
		.eq('id', input.invitationId)
		.eq('email', email);
	return (seen?.length ?? 0) > 0 ? 'already_decided' : 'not_found';
}
