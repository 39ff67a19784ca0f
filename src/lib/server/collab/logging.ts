// The collaboration server logs one JSON line per event, so a log collector can count refusals,
// limit violations and persistence failures without parsing prose. Never the content, never a
// session token: only ids, codes and sizes.

export type Level = 'info' | 'warn' | 'error';

export type Fields = Record<string, string | number | boolean | null | undefined>;

export type Log = (level: Level, event: string, fields?: Fields) => void;

/** A logger writing to `sink` (one line per call); standard output by default. */
export function createLog(sink: (line: string) => void = (line) => console.log(line)): Log {
	return (level, event, fields = {}) => {
		sink(
			JSON.stringify({ time: new Date().toISOString(), level, event: `collab.${event}`, ...fields })
		);
	};
}

/** The message of anything thrown, for a log field. */
export const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
