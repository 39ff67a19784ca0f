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
const isGone = (error: unknown) => (error as { code?: string }).code === '23503';

export type Persistence = ReturnType<typeof createPersistence>;

export function createPersistence(
	sql: Sql,
	documentId: string,
	doc: Y.Doc,
	timings: PersistenceTimings,
	log: Log
) {
	let pending: Uint8Array[] = [];
	/** Told the sequence number of the append that stored the pending edits (null: dropped). */
	let waiters: ((seq: number | null) => void)[] = [];
	const editors = new Set<string>();
	let lastEditor: string | null = null;
	let contentSince: number | null = null;
	let appends = 0;
	type Timer = 'batch' | 'content' | 'idle' | 'compact';
	const timers: Record<Timer, ReturnType<typeof setTimeout> | undefined> = {
		batch: undefined,
		content: undefined,
		idle: undefined,
		compact: undefined
	};
	let chain: Promise<unknown> = Promise.resolve();
	let stopped = false;

	/** Runs database steps one after another; a failed step does not stop the next. */
	const serial = <T>(step: () => Promise<T>): Promise<T> => {
		const run = chain.then(step);
		chain = run.catch(() => undefined);
		return run;
	};
	const arm = (name: keyof typeof timers, ms: number, step: () => Promise<unknown>) => {
		clearTimeout(timers[name]);
		if (stopped) return;
		timers[name] = setTimeout(() => {
			timers[name] = undefined;
			serial(step).catch((error: unknown) =>
				log('error', `${name}_failed`, { document: documentId, error: reason(error) })
			);
		}, ms);
	};

	async function flushPending(): Promise<number | null> {
		clearTimeout(timers.batch);
		timers.batch = undefined;
		if (!pending.length) return null;
		const [taken, told] = [pending, waiters];
		[pending, waiters] = [[], []];
		try {
			const seq = await store.append(sql, documentId, Y.mergeUpdates(taken));
			appends++;
			if (appends >= timings.compactAfterUpdates && !timers.compact) arm('compact', 0, tidy);
			told.forEach((tell) => tell(seq));
			return seq;
		} catch (error) {
			if (isGone(error)) {
				log('warn', 'document_gone', { document: documentId, dropped: taken.length });
				told.forEach((tell) => tell(null));
				return null;
			}
			[pending, waiters] = [
				[...taken, ...pending],
				[...told, ...waiters]
			];
			arm('batch', RETRY_MS, flushPending);
			throw error;
		}
	}

	async function saveContent(): Promise<void> {
		await flushPending();
		if (contentSince === null) return;
		const [since, who] = [contentSince, [...editors]];
		contentSince = null;
		editors.clear();
		try {
			const state = await store.writeContent(sql, documentId, doc);
			if (who.length) await contributed(who);
			await versions.recordAutoIfDue(sql, documentId, state, lastEditor);
		} catch (error) {
			contentSince ??= since; // try again with the next step
			who.forEach((id) => editors.add(id));
			throw error;
		}
	}

	async function contributed(userIds: string[]): Promise<void> {
		await sql`insert into public.document_contributors (document_id, user_id, last_edited_at)
			select ${documentId}, u, now() from unnest(${userIds}::uuid[]) as u
			on conflict (document_id, user_id) do update set last_edited_at = excluded.last_edited_at`;
	}

	/**
	 * Stores whatever this process holds that the store lacks (edits relayed by a process that
	 * died before storing them), then compacts.
	 */
	async function tidy(): Promise<void> {
		await flushPending();
		const stored = store.toDoc((await store.load(sql, documentId)).state);
		try {
			const before = Y.snapshot(stored);
			const missing = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(stored));
			Y.applyUpdate(stored, missing);
			if (!Y.equalSnapshots(before, Y.snapshot(stored))) {
				await store.append(sql, documentId, missing);
				appends++;
			}
		} finally {
			stored.destroy();
		}
		if (appends === 0) return;
		await store.compact(sql, documentId);
		appends = 0;
	}

	return {
		/** An edit by a client of this process, by `userId`. */
		local(update: Uint8Array, userId: string) {
			pending.push(update);
			editors.add(userId);
			lastEditor = userId;
			const now = Date.now();
			contentSince ??= now;
			if (!timers.batch) arm('batch', timings.batchDelayMs, flushPending);
			const due = Math.min(now + timings.contentDelayMs, contentSince + timings.contentMaxWaitMs);
			arm('content', due - now, saveContent);
		},

		/** Any change to the document, local or relayed: restarts the idle countdown. */
		changed() {
			arm('idle', timings.idleCompactMs, tidy);
		},

		/**
		 * Stores the pending edits (the one just passed to local() among them) now; resolves to
		 * the sequence number of the append that holds them, however many tries that takes.
		 */
		stored(): Promise<number | null> {
			const seq = new Promise<number | null>((resolve) => waiters.push(resolve));
			arm('batch', 0, flushPending);
			return seq;
		},

		/** Stores everything (before unloading or shutting down); false when that failed. */
		async settle(): Promise<boolean> {
			try {
				await serial(async () => {
					await saveContent();
					await tidy();
				});
				return pending.length === 0;
			} catch (error) {
				// A deleted document has nothing left to store: it may be unloaded.
				if (isGone(error)) return true;
				log('error', 'settle_failed', { document: documentId, error: reason(error) });
				return false;
			}
		},

		stop() {
			stopped = true;
			for (const timer of Object.values(timers)) clearTimeout(timer);
		}
	};
}
