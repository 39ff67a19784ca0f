// `npm start` and `npm run demo`: builds if needed, then runs server/cli.ts as the build
// compiled it (build/erfa/cli.js, scripts/build-server.ts). Plain JavaScript so that the app's
// process never loads Node's TypeScript stripper, which would hold ~18 MB for its whole life
// (issue 17). `npm run dev` and the other commands run server/cli.ts from the sources.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded, builtMarker } from './build.js';

const MMAP_THRESHOLD = 'MALLOC_MMAP_THRESHOLD_';
const TUNED = 'ERFA_MALLOC_TUNED';

// glibc's malloc raises its mmap threshold as the process frees large blocks (V8's compiler and
// garbage-collector scratch memory, big buffers), after which such blocks stay in its arenas
// once freed: ~10 MB of the idle app's RSS (issue 17). Fixed at its default (128 KiB), they go
// back to the system. glibc reads the setting only at start, so the launcher replaces itself
// (same process id) with a process that has it, once.
if (process.platform === 'linux' && !process.env[MMAP_THRESHOLD] && !process.env[TUNED]) {
	const env = { ...process.env, [MMAP_THRESHOLD]: '131072', [TUNED]: '1' };
	const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
	try {
		process.execve?.(process.execPath, argv, env);
	} catch {
		// Not possible here: run as we are.
	}
}
// The setting is for this process only, not for PostgreSQL, PostgREST or a build it starts.
if (process.env[TUNED]) delete process.env[MMAP_THRESHOLD];

const root = join(import.meta.dirname, '..');
try {
	buildIfNeeded(root);
} catch (error) {
	console.error(`\nErfa could not start: ${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
}
await import(pathToFileURL(builtMarker(root)).href);
