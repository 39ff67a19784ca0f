import type { Sql } from 'postgres';
import * as Y from 'yjs';
import * as store from '../documents/store.ts';
import * as versions from '../documents/versions.ts';
import { reason, type Log } from './logging.ts';

// Keeps one loaded document stored: edits from this process's clients are appended in batches
// (one row per batch), folded into the snapshot after a number of appends or when the document
// goes quiet, and its plain text, size, contributors and hourly version follow a little later.
// All database work for the document runs one step at a time, in order.

export interface PersistenceTimings {
	/** Edits arriving within this window are stored as one update (at most 200 ms). */
	batchDelayMs: number;
	/** Plain text, size, contributors and automatic version: after this quiet time… */
	contentDelayMs: number;
	/** …or at the latest this long after the first unsaved edit. */
	contentMaxWaitMs: number;
	/** Compact after this many appends by this process. */
	compactAfterUpdates: number;
	/** Compact (and store what only this process holds) after this long without changes. */
	idleCompactMs: number;
}

const RETRY_MS = 1000;
/** A foreign key violation: the document was deleted, its updates have nowhere to go. */
export const isGone = (error: unknown) => (error as { code?: string }).code === '23503';

type Timer = 'batch' | 'content' | 'idle' | 'compact';

export class DocumentStorage {
	private sql: Sql;
	private documentId: string;
	private doc: Y.Doc;
	private timings: PersistenceTimings;
	private log: Log;
	private pending: Uint8Array[] = [];
	/** Told the sequence number of the append that stored the pending edits (null: dropped). */
	private waiters: ((seq: number | null) => void)[] = [];
	private editors = new Set<string>();
	private lastEditor: string | null = null;
	private contentSince: number | null = null;
	private appends = 0;
	/** Changes came from another process since the last tidy: the store may lack them. */
	private relayedSince = false;
	/** When the content and idle steps are due; their timers move to it when they fire early. */
	private due: Record<'content' | 'idle', number> = { content: 0, idle: 0 };
	private timers: Record<Timer, ReturnType<typeof setTimeout> | undefined> = {
		batch: undefined,
		content: undefined,
		idle: undefined,
		compact: undefined
	};
	private chain: Promise<unknown> = Promise.resolve();
	private stopped = false;

	constructor(sql: Sql, documentId: string, doc: Y.Doc, timings: PersistenceTimings, log: Log) {
		this.sql = sql;
		this.documentId = documentId;
		this.doc = doc;
		this.timings = timings;
		this.log = log;
	}

	/** An edit by a client of this process, by `userId`. */
	local(update: Uint8Array, userId: string): void {
		this.pending.push(update);
		this.editors.add(userId);
		this.lastEditor = userId;
		const now = Date.now();
		this.contentSince ??= now;
		const { batchDelayMs, contentDelayMs, contentMaxWaitMs } = this.timings;
		if (!this.timers.batch) this.arm('batch', batchDelayMs, () => this.flushPending());
		const due = Math.min(now + contentDelayMs, this.contentSince + contentMaxWaitMs);
		this.armBy('content', due, () => this.saveContent());
	}

	/**
	 * Any change to the document, local or relayed: restarts the idle countdown. `relayed`: it
	 * came from another process (not from the store), which stores it itself unless it dies.
	 */
	changed(relayed = false): void {
		if (relayed) this.relayedSince = true;
		this.armBy('idle', Date.now() + this.timings.idleCompactMs, () => this.tidy());
	}

	/**
	 * Stores the pending edits (the one just passed to local() among them) now; resolves to the
	 * sequence number of the append that holds them, however many tries that takes, or to null
	 * when none was pending (every earlier append has finished by then).
	 */
	stored(): Promise<number | null> {
		const seq = new Promise<number | null>((resolve) => this.waiters.push(resolve));
		this.arm('batch', 0, () => this.flushPending());
		return seq;
	}

	/** Stores everything (before unloading or shutting down); false when that failed. */
	async settle(): Promise<boolean> {
		try {
			await this.serial(async () => {
				await this.saveContent();
				await this.tidy();
			});
			return this.pending.length === 0;
		} catch (error) {
			// A deleted document has nothing left to store: it may be unloaded.
			if (isGone(error)) return true;
			this.log('error', 'settle_failed', { document: this.documentId, error: reason(error) });
			return false;
		}
	}

	stop(): void {
		this.stopped = true;
		for (const timer of Object.values(this.timers)) clearTimeout(timer);
	}

	/** Runs database steps one after another; a failed step does not stop the next. */
	private serial<T>(step: () => Promise<T>): Promise<T> {
		const run = this.chain.then(step);
		this.chain = run.catch(() => undefined);
		return run;
	}

	private arm(name: Timer, ms: number, step: () => Promise<unknown>): void {
		clearTimeout(this.timers[name]);
		if (this.stopped) return;
		this.timers[name] = setTimeout(() => this.run(name, step), ms);
	}

	private run(name: Timer, step: () => Promise<unknown>): void {
		this.timers[name] = undefined;
		this.serial(step).catch((error: unknown) =>
			this.log('error', `${name}_failed`, { document: this.documentId, error: reason(error) })
		);
	}

	/**
	 * Runs `step` at time `at` (ms), at the earliest. Called on every edit with a later time, so
	 * the timer is not reset each time: when it fires before the time it has come to, it waits
	 * for the rest (deadlines here only move later until their step has run).
	 */
	private armBy(name: 'content' | 'idle', at: number, step: () => Promise<unknown>): void {
		this.due[name] = at;
		if (this.timers[name] || this.stopped) return;
		const fire = () => {
			const wait = this.due[name] - Date.now();
			if (wait > 0) this.timers[name] = setTimeout(fire, wait);
			else this.run(name, step);
		};
		this.timers[name] = setTimeout(fire, Math.max(0, at - Date.now()));
	}

	private async flushPending(): Promise<number | null> {
		clearTimeout(this.timers.batch);
		this.timers.batch = undefined;
		const [taken, told] = [this.pending, this.waiters];
		[this.pending, this.waiters] = [[], []];
		if (!taken.length) {
			// Nothing to store (what was pending is stored by a step that has run before this).
			told.forEach((tell) => tell(null));
			return null;
		}
		try {
			const seq = await store.append(this.sql, this.documentId, Y.mergeUpdates(taken));
			this.appends++;
			if (this.appends >= this.timings.compactAfterUpdates && !this.timers.compact) {
				this.arm('compact', 0, () => this.tidy());
			}
			told.forEach((tell) => tell(seq));
			return seq;
		} catch (error) {
			if (isGone(error)) {
				this.log('warn', 'document_gone', { document: this.documentId, dropped: taken.length });
				told.forEach((tell) => tell(null));
				return null;
			}
			this.pending = [...taken, ...this.pending];
			this.waiters = [...told, ...this.waiters];
			this.arm('batch', RETRY_MS, () => this.flushPending());
			throw error;
		}
	}

	private async saveContent(): Promise<void> {
		await this.flushPending();
		if (this.contentSince === null) return;
		const [since, who] = [this.contentSince, [...this.editors]];
		this.contentSince = null;
		this.editors.clear();
		try {
			const state = await store.writeContent(this.sql, this.documentId, this.doc);
			if (who.length) await recordContributors(this.sql, this.documentId, who);
			await versions.recordAutoIfDue(this.sql, this.documentId, state, this.lastEditor);
		} catch (error) {
			this.contentSince ??= since; // try again with the next step
			who.forEach((id) => this.editors.add(id));
			throw error;
		}
	}

	/**
	 * Stores whatever this process holds that the store lacks (edits relayed by a process that
	 * died before storing them), then compacts.
	 */
	private async tidy(): Promise<void> {
		await this.flushPending();
		if (this.relayedSince) await this.storeRelayed();
		if (this.appends === 0) return;
		await store.compact(this.sql, this.documentId);
		this.appends = 0;
	}

	/** What another process relayed and may not have stored (it died): appended if missing. */
	private async storeRelayed(): Promise<void> {
		this.relayedSince = false;
		try {
			const stored = store.toDoc((await store.load(this.sql, this.documentId)).state);
			try {
				const before = Y.snapshot(stored);
				const missing = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(stored));
				Y.applyUpdate(stored, missing);
				if (!Y.equalSnapshots(before, Y.snapshot(stored))) {
					await store.append(this.sql, this.documentId, missing);
					this.appends++;
				}
			} finally {
				stored.destroy();
			}
		} catch (error) {
			this.relayedSince = true; // the next tidy looks again
			throw error;
		}
	}
}

/**
 * Not a method, like every query a per-document object runs, so that nothing the driver keeps
 * can hold the document after it unloads (postgres.js 3 kept an Error from the first run of each
 * query text whose stack held the caller's `this`; see DEVELOPERS.md, memory).
 */
async function recordContributors(sql: Sql, documentId: string, userIds: string[]) {
	await sql`insert into public.document_contributors (document_id, user_id, last_edited_at)
		select ${documentId}, u, now() from unnest(${userIds}::uuid[]) as u
		on conflict (document_id, user_id) do update set last_edited_at = excluded.last_edited_at`;
}
