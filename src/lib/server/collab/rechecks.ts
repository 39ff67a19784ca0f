import type { Sql } from 'postgres';
import { z } from 'zod';
import { CloseCode } from '../../collab/protocol.ts';
import { loadRejection } from '../../documents/accepted.ts';
import * as documents from '../documents/documents.ts';
import * as store from '../documents/store.ts';
import { refusal, sessionAlive } from './auth.ts';
import { parseJson } from './notifier.ts';
import type { Concern, ServerContext } from './hooks.ts';
import { reason, type Log } from './logging.ts';
import { closePeer, type Peer } from './peer.ts';
import type { Room } from './room.ts';

// Rights checked again while connections stay open. Database triggers announce that a group's
// membership or status, a document's status or a person's account changed; the connections
// concerned are then checked as at the upgrade: a writer who may now only read is downgraded,
// someone who may no longer read is disconnected. Sessions and rights are checked again on a
// timer too, so a logout (or an expired session) ends editing too, and a missed notice
// (the listening connection was lost) does not leave rights stale for long.

const accessNotice = z.union([
	z.object({ group: z.uuid() }),
	z.object({ document: z.uuid() }),
	z.object({ user: z.uuid() })
]);
export type AccessNotice = z.infer<typeof accessNotice>;

const open = (room: Room) => [...room.peers].filter((peer) => !peer.closed);

export class Rechecks implements Concern {
	readonly name = 'rechecks';
	private sql: Sql;
	private log: Log;
	private intervalMs: number;
	private rooms: () => Room[] = () => [];
	private timer: ReturnType<typeof setInterval> | undefined;
	private listening: Promise<() => Promise<void>> | null = null;

	constructor(sql: Sql, log: Log, intervalMs: number) {
		this.sql = sql;
		this.log = log;
		this.intervalMs = intervalMs;
	}

	/** Listens for rights changes; the server is ready once it does. */
	async onStart(server: ServerContext): Promise<void> {
		this.rooms = () => server.rooms();
		this.timer = setInterval(() => this.periodic(), this.intervalMs);
		this.timer.unref();
		this.listening = this.sql
			.listen(store.ACCESS_CHANNEL, (payload) => this.onNotice(payload))
			.then((meta) => () => meta.unlisten());
		await this.listening;
	}

	async onStop(): Promise<void> {
		clearInterval(this.timer);
		const stop = await this.listening?.catch(() => null);
		await stop?.().catch(() => undefined);
	}

	private onNotice(payload: string): void {
		const parsed = accessNotice.safeParse(parseJson(payload));
		if (!parsed.success) {
			this.log('warn', 'bad_access_notice', { payload: payload.slice(0, 200) });
			return;
		}
		const notice = parsed.data;
		this.access(notice).catch((error: unknown) =>
			this.log('error', 'recheck_failed', { error: reason(error), notice: JSON.stringify(notice) })
		);
	}

	/** Every connection: its session, then its rights. */
	private periodic(): void {
		const run = async () => {
			for (const room of this.rooms()) {
				const peers = await this.endDeadSessions(open(room));
				if (peers.length) await this.recheck(room.id, peers);
			}
		};
		run().catch((error: unknown) =>
			this.log('error', 'periodic_check_failed', { error: reason(error) })
		);
	}

	private async access(notice: AccessNotice): Promise<void> {
		const rooms = this.rooms();
		if (!rooms.length) return;
		if ('user' in notice) {
			for (const room of rooms) {
				// A deactivated account's sessions are gone; its other changes (role) need the check.
				const mine = open(room).filter((p) => p.user?.id === notice.user);
				const peers = await this.endDeadSessions(mine);
				if (peers.length) await this.recheck(room.id, peers);
			}
			return;
		}
		const ids =
			'group' in notice ? await this.documentsOf(notice.group) : new Set([notice.document]);
		for (const room of rooms) {
			const peers = ids.has(room.id) ? open(room) : [];
			if (peers.length) await this.recheck(room.id, peers);
		}
	}

	/** A group's documents (a document never changes group, so now is as good as at load). */
	private async documentsOf(groupId: string): Promise<Set<string>> {
		const rows = await this.sql<{ id: string }[]>`
			select id from public.documents where group_id = ${groupId}`;
		return new Set(rows.map((row) => row.id));
	}

	/** Checks the given connections of one document, one query per person. */
	private async recheck(documentId: string, peers: Peer[]): Promise<void> {
		const byUser = Map.groupBy(peers, (peer) => peer.user?.id ?? null);
		for (const [userId, group] of byUser) {
			const access = await documents.accessOf(this.sql, documentId, userId);
			const user = group[0]?.user ?? null;
			const refused = access ? null : await refusal(this.sql, documentId, user);
			// A new suggester's next edit is checked at once (suggestions.ts): load what checks it
			// before they become one, so no edit of theirs is dropped as uncheckable.
			if (access === 'suggest') await loadRejection();
			for (const peer of group) {
				if (refused) closePeer(peer, refused.code, refused.reason, this.log);
				else if (access && peer.access !== access) {
					this.log('info', 'access_changed', {
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

	private async endDeadSessions(peers: Peer[]): Promise<Peer[]> {
		const byToken = Map.groupBy(
			peers.filter((p) => p.token),
			(peer) => peer.token!
		);
		for (const [token, group] of byToken) {
			if (await sessionAlive(this.sql, token)) continue;
			for (const peer of group) {
				closePeer(peer, CloseCode.unauthenticated, 'session ended', this.log);
			}
		}
		return peers.filter((peer) => !peer.closed);
	}
}
