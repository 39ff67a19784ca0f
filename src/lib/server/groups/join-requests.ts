import type { Sql } from 'postgres';
import { m } from '../../paraglide/messages.js';
import { notify } from './notices.ts';
import { failed } from './rows.ts';
import type { GroupRef } from './types.ts';
import type { Db } from '$lib/server/platform';

// Asking to join a closed group and a coordinator's answer. The database keeps one pending
// request per person and group, and decide_join_request() locks the request so that only one
// of two coordinators pressing at once decides it. Part of ./memberships.ts, which re-exports.

export const MESSAGE_MAX = 1000;

export interface JoinRequest {
	id: string;
	status: 'pending' | 'approved' | 'declined' | 'withdrawn';
	message: string;
	decisionMessage: string | null;
	createdAt: string;
	decidedAt: string | null;
}

/** The caller's latest request to join this group, if any. */
export async function myRequest(
	db: Db,
	groupId: string,
	userId: string
): Promise<JoinRequest | null> {
	const { data, error } = await db
		.from('join_requests')
		.select('id, status, message, decision_message, created_at, decided_at')
		.eq('group_id', groupId)
		.eq('user_id', userId)
		.order('created_at', { ascending: false })
		.limit(1);
	if (error) failed('memberships.myRequest', error);
	type Row = {
		id: string;
		status: JoinRequest['status'];
		message: string;
		decision_message: string | null;
		created_at: string;
		decided_at: string | null;
	};
	const r = (data as Row[])[0];
	if (!r) return null;
	return {
		id: r.id,
		status: r.status,
		message: r.message,
		decisionMessage: r.decision_message,
		createdAt: r.created_at,
		decidedAt: r.decided_at
	};
}

export type Requested =
	'requested' | 'already_pending' | 'already_member' | 'not_closed' | 'invalid';

/** Asks to join a closed group and tells its coordinators; a double submit makes one request. */
export async function requestToJoin(
	db: Db,
	privileged: Sql,
	input: { group: GroupRef; userId: string; userName: string; message: string }
): Promise<Requested> {
	const message = input.message.trim();
	if (message.length > MESSAGE_MAX) return 'invalid';
	const { error } = await db
		.from('join_requests')
		.insert({ group_id: input.group.id, user_id: input.userId, message });
	if (error?.code === '23505') return 'already_pending';
	if (error?.code === '42501') {
		// Refused: either already a member, or the group is not a closed, active one.
		const { data } = await db
			.from('group_members')
			.select('user_id')
			.eq('group_id', input.group.id)
			.eq('user_id', input.userId);
		return (data?.length ?? 0) > 0 ? 'already_member' : 'not_closed';
	}
	if (error) failed('memberships.requestToJoin', error);
	const { group, userName } = input;
	await notify(privileged, {
		kind: 'join_request',
		groupId: group.id,
		actorId: input.userId,
		link: `/groups/${group.slug}/members#requests`,
		to: 'group_coordinators',
		params: { name: userName, group: group.name },
		title: (locale) =>
			m.groups_notice_join_request({ name: userName, group: group.name }, { locale })
	});
	return 'requested';
}

/** Withdraws the caller's own pending request; false when it was decided meanwhile. */
export async function withdraw(db: Db, groupId: string, userId: string): Promise<boolean> {
	const { data, error } = await db
		.from('join_requests')
		.update({ status: 'withdrawn' })
		.eq('group_id', groupId)
		.eq('user_id', userId)
		.eq('status', 'pending')
		.select('id');
	if (error) failed('memberships.withdraw', error);
	return data.length > 0;
}

export interface PendingRequest {
	id: string;
	userId: string;
	name: string;
	organization: string | null;
	message: string;
	createdAt: string;
}

/** Requests waiting for a coordinator. Call it for coordinators: requesters see their own. */
export async function pendingRequests(db: Db, groupId: string): Promise<PendingRequest[]> {
	const { data, error } = await db
		.from('join_requests')
		.select(
			'id, user_id, message, created_at, profile:profiles!join_requests_user_id_fkey(name, organization:organizations(name))'
		)
		.eq('group_id', groupId)
		.eq('status', 'pending')
		.order('created_at');
	if (error) failed('memberships.pendingRequests', error);
	type Row = {
		id: string;
		user_id: string;
		message: string;
		created_at: string;
		profile: { name: string; organization: { name: string } | null } | null;
	};
	return (data as unknown as Row[])
		.filter((r) => r.profile !== null)
		.map((r) => ({
			id: r.id,
			userId: r.user_id,
			name: r.profile!.name,
			organization: r.profile!.organization?.name ?? null,
			message: r.message,
			createdAt: r.created_at
		}));
}

export type Decided = 'approved' | 'declined' | 'already_decided' | 'not_found' | 'invalid';

/**
 * A coordinator's decision on a request. The database function locks the row, so when two
 * coordinators press at once one decides and the other hears "already decided".
 */
export async function decide(
	db: Db,
	privileged: Sql,
	input: { group: GroupRef; requestId: string; approve: boolean; message: string; actorId: string }
): Promise<Decided> {
	const message = input.message.trim();
	if (message.length > MESSAGE_MAX) return 'invalid';
	const { data: found, error: readError } = await db
		.from('join_requests')
		.select('user_id')
		.eq('id', input.requestId)
		.eq('group_id', input.group.id)
		.maybeSingle();
	if (readError?.code === '22P02') return 'not_found';
	if (readError) failed('memberships.decide', readError);
	if (!found) return 'not_found';
	const { data, error } = await db.rpc('decide_join_request', {
		request: input.requestId,
		approve: input.approve,
		message
	});
	if (error) failed('memberships.decide', error);
	const result = data as Decided;
	if (result === 'approved' || result === 'declined') {
		const { group } = input;
		await notify(privileged, {
			kind: result === 'approved' ? 'join_approved' : 'join_declined',
			groupId: group.id,
			actorId: input.actorId,
			link: `/groups/${group.slug}`,
			to: [(found as { user_id: string }).user_id],
			params: { group: group.name },
			title: (locale) =>
				result === 'approved'
					? m.groups_notice_join_approved({ group: group.name }, { locale })
					: m.groups_notice_join_declined({ group: group.name }, { locale })
		});
	}
	return result;
}
