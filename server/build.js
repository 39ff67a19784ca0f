// Whether the build is current, and building it when not: for `npm start` (server/start.js,
// which runs the compiled launcher in build/erfa/) and for serve.ts. Plain JavaScript because
// start.js must not load a single .ts file (see scripts/build-server.ts). The project's folder
// is passed in: serve.ts also runs compiled into build/erfa/, where `..` is another folder.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Written last by `npm run build`: when it is newer than every input, the whole build is.
 * @param {string} root the project's folder
 */
export const builtMarker = (root) => join(root, 'build/erfa/cli.js');

/** What the build is made from; a file newer than the build means it is stale. */
export const buildInputs = [
	'src',
	'server',
	'messages',
	'static',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'scripts/build-server.ts'
];

/**
 * Builds (`npm run build`'s two steps) when there is no build yet or a source is newer.
 * @param {string} root the project's folder
 */
export function buildIfNeeded(root) {
	const built = builtMarker(root);
	if (existsSync(built) && newest(root, buildInputs) < statSync(built).mtimeMs) return;
	console.log('Building Erfa (first start or sources changed)…');
	const steps = [
		[join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
		[join(root, 'scripts/build-server.ts')]
	];
	for (const args of steps) {
		const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
		if (result.status !== 0) throw new Error('The build failed; see the messages above.');
	}
}

/**
 * The newest modification time of the files below `paths` (relative to `root`).
 * @param {string} root
 * @param {string[]} paths
 */
export function newest(root, paths) {
	let latest = 0;
	/** @param {string} path */
	const visit = (path) => {
		const full = join(root, path);
		if (!existsSync(full)) return;
		const stat = statSync(full);
		if (stat.isDirectory()) {
			// Paraglide's generated output is rewritten by every build and dev run.
			for (const entry of readdirSync(full)) if (entry !== 'paraglide') visit(join(path, entry));
		} else latest = Math.max(latest, stat.mtimeMs);
	};
	paths.forEach(visit);
	return latest;
}
