// Where a benchmark runs Erfa from: a snapshot of the working tree (snapshot.ts, which builds in
// the working tree first when the build is stale), or BENCH_APP_DIR, a directory someone has
// already built and that is used as it is (e.g. a private copy built while others edit the
// tree). Only a snapshot is removed afterwards.
import { removeSnapshot, snapshotApp } from './snapshot.ts';

export interface AppDir {
	dir: string;
	remove: () => Promise<void>;
}

export async function appDir(): Promise<AppDir> {
	const given = process.env.BENCH_APP_DIR;
	if (given) return { dir: given, remove: async () => {} };
	const dir = await snapshotApp();
	return { dir, remove: () => removeSnapshot(dir) };
}
