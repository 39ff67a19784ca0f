import type { Sql } from 'postgres';
import { CloseCode } from '../../collab/protocol.ts';
import * as documents from '../documents.ts';
import { refusal, sessionAlive } from './auth.ts';
import type { AccessNotice } from './fanout.ts';
import { reason, type Log } from './logging.ts';
import { closePeer, type Peer } from './peer.ts';
import type { Rooms } from './rooms.ts';

// Rights checked again while connections stay open. Database triggers announce that a group's
// membership or status, a document's status or a person's account changed; the connections
// concerned are then checked as at the upgrade: a writer who may now only read is downgraded,
// someone who may no longer read is disconnected. Sessions and rights are checked again on a
// timer as well, so a logout (or an expired session) ends editing too, and a missed notice
// (the listening connection was lost) does not leave rights stale for long.

export function createRechecks(sql: Sql, rooms: Rooms, log: Log) {
	/** Checks the given connections of one document, one query per person. */
	async function recheck(documentId: string, peers: Peer[]): Promise<void> {
		const byUser = Map.groupBy(peers, (peer) => peer.user?.id ?? null);
		for (const [userId, group] of byUser) {
			const access = await documents.accessOf(sql, documentId, userId);
			const user = group[0]?.user ?? null;
			const refused = access ? null : await refusal(sql, documentId, user);
			for (const peer of group) {
				if (refused) closePeer(peer, refused.code, refused.reason, log);
				else if (access && peer.access !== access) {
					log('info', 'access_changed', {
						document: documentId,
						user: userId,
						from: peer.access,
						to: access
					});
					peer.access = access;
				}
			}
		}
	}

	async function endDeadSessions(peers: Peer[]): Promise<Peer[]> {
		const byToken = Map.groupBy(
			peers.filter((p) => p.token),
			(peer) => peer.token!
		);
		for (const [token, group] of byToken) {
			if (await sessionAlive(sql, token)) continue;
			for (const peer of group) closePeer(peer, CloseCode.unauthenticated, 'session ended', log);
		}
		return peers.filter((peer) => !peer.closed);
	}

	const open = (room: { peers: Set<Peer> }) => [...room.peers].filter((peer) => !peer.closed);

	async function access(notice: AccessNotice): Promise<void> {
		for (const room of rooms.loaded()) {
			let peers = open(room);
			if ('user' in notice) {
				// A deactivated account's sessions are gone; its other changes (role) need the check.
				peers = await endDeadSessions(peers.filter((p) => p.user?.id === notice.user));
			} else if (
				!('group' in notice ? notice.group === room.groupId : notice.document === room.id)
			) {
				continue;
			}
			if (peers.length) await recheck(room.id, peers);
		}
	}

	return {
		access(notice: AccessNotice): void {
			access(notice).catch((error: unknown) =>
				log('error', 'recheck_failed', { error: reason(error), notice: JSON.stringify(notice) })
			);
		},

		/** Every connection: its session, then its rights. */
		periodic(): void {
			const run = async () => {
				for (const room of rooms.loaded()) {
					const peers = await endDeadSessions(open(room));
					if (peers.length) await recheck(room.id, peers);
				}
			};
			run().catch((error: unknown) =>
				log('error', 'periodic_check_failed', { error: reason(error) })
			);
		}
	};
}
