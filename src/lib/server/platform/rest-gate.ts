// The bundled PostgREST's connection pool, and a gate that keeps the app's calls within it.
// PostgREST hands its pooled connections to waiting requests in no fixed order, so when more
// calls arrive than it has connections some wait again and again: at 50 connections on the
// search benchmark (issue 17) the ten searches completed 28, 27, …, 3 and 0 pages in order of
// their start, and the last ones' requests timed out after 10 s while the first ones' took 2 s.
// Waiting here instead, in arrival order, shares the same capacity fairly.

/** PGRST_DB_POOL (postgrest.ts): how many calls PostgREST runs at once. */
export const REST_POOL = 20;

/** Runs at most `size` of the works at once; the others start in the order they came. */
export function fifoGate(size: number) {
	let free = size;
	const waiting: (() => void)[] = [];
	return async <T>(work: () => Promise<T>): Promise<T> => {
		if (free > 0) free--;
		else await new Promise<void>((go) => waiting.push(go));
		try {
			return await work();
		} finally {
			const next = waiting.shift();
			if (next) next();
			else free++;
		}
	};
}
