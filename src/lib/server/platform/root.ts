import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's folder: the nearest one above `from` that holds package.json. Looked up rather
 * than counted in `../`, because the same module also runs compiled into build/erfa/cli.js
 * (scripts/build-server.ts), at another depth.
 */
export function projectRoot(from: string = import.meta.dirname): string {
	for (let dir = from; ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'package.json'))) return dir;
		if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
	}
}
