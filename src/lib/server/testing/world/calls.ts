import type { Db } from '$lib/server/platform';

/** A PostgREST function's answer as `who`; its error fails the test with the function's name. */
export async function rpcAs<T>(who: Db, name: string, args: Record<string, unknown>): Promise<T> {
	const { data, error } = await who.rpc(name, args);
	if (error) throw new Error(`${name}: ${error.message}`);
	return data as T;
}
