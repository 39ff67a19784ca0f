// `npm start` and `npm run demo`: builds if needed, then runs server/cli.ts as the build
// compiled it (build/erfa/cli.js, scripts/build-server.ts). Plain JavaScript so that the app's
// process never loads Node's TypeScript stripper, which would hold ~18 MB for its whole life
// (issue 17). `npm run dev` and the other commands run server/cli.ts from the sources.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded, builtMarker } from './build.js';

const root = join(import.meta.dirname, '..');
try {
	buildIfNeeded(root);
} catch (error) {
	console.error(`\nErfa could not start: ${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
}
await import(pathToFileURL(builtMarker(root)).href);
