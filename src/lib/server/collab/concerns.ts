import type { Sql } from 'postgres';
import { Auth } from './auth.ts';
import { Awareness } from './awareness.ts';
import { Capacity } from './capacity.ts';
import { Fanout } from './fanout.ts';
import type { Concern } from './hooks.ts';
import { MessageLimits, type LimitValues } from './limits.ts';
import { Logging, type Log } from './logging.ts';
import { Notifier } from './notifier.ts';
import { Persistence } from './persistence.ts';
import { Rechecks } from './rechecks.ts';
import { Suggestions } from './suggestions.ts';
import type { PersistenceTimings } from './storage.ts';
import { Sync } from './sync.ts';

// The collaboration server's concerns, in the order their hooks run (hooks.ts). A new concern is
// a class implementing the hooks it needs, and a line here. What the order decides:
// - auth first: it says who connects (onConnect) before anyone counts them, and drops readers'
//   edits (beforeChange) before their size is checked;
// - suggestions right after auth: a suggester's edit that changes the accepted text is dropped
//   before anything else counts or applies it;
// - capacity after auth: it counts by person and access;
// - sync before awareness: a joining writer is asked for its state before it is shown the
//   others; sync first of all to hear of a change (onChange), so clients get it soonest;
// - fanout before persistence: a document's notices are listened to before it is read, so
//   nothing stored in between is missed; fan-out settles (onStop) before rechecks stop listening;
// - logging last: "connected" is logged once everything for the join has run.

export interface ConcernOptions {
	/** The privileged pool (LISTEN takes one connection of it for good). */
	sql: Sql;
	/** Origins allowed to open the websocket: the app's ORIGIN. */
	origins: readonly string[];
	log: Log;
	limits: LimitValues;
	timings: PersistenceTimings;
	/** Check every connection's session and rights again this often. */
	recheckMs: number;
}

export function createConcerns(options: ConcernOptions): Concern[] {
	const { sql, log, limits } = options;
	const persistence = new Persistence(sql, log, options.timings);
	return [
		new Auth(sql, options.origins),
		new Suggestions(),
		new Capacity(limits, log),
		new Sync(log),
		new Awareness(log),
		new MessageLimits(limits, log),
		new Fanout(new Notifier(sql, log), persistence, log),
		persistence,
		new Rechecks(sql, log, options.recheckMs),
		new Logging(log)
	];
}
