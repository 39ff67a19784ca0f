// Where a process's RSS lives, from Linux's /proc/<pid>/smaps: what the JavaScript heap does not
// account for is mostly malloc's (glibc keeps freed memory in its arenas: the main one, [heap],
// and one per thread that allocated, each a 64 MiB reservation) and other anonymous mappings
// (V8's heap pages and code, large buffers); files are the node binary and libraries.
import { readFileSync } from 'node:fs';

export interface RssByKind {
	mallocMainMb: number;
	mallocThreadsMb: number;
	/** Anonymous mappings that are not malloc's arenas: V8's heap and code, large buffers. */
	otherAnonymousMb: number;
	filesMb: number;
	/** Stacks and the kernel's own ([vdso], …). */
	restMb: number;
}

interface Mapping {
	start: bigint;
	end: bigint;
	perms: string;
	path: string;
	rssKb: number;
}

const ARENA = 64n * 1024n * 1024n;

function mappings(pid: number): Mapping[] {
	const found: Mapping[] = [];
	for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
		const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (header) {
			const [, start, end, perms, path] = header;
			found.push({
				start: BigInt(`0x${start}`),
				end: BigInt(`0x${end}`),
				perms: perms!,
				path: path ?? '',
				rssKb: 0
			});
		} else if (line.startsWith('Rss:')) {
			found.at(-1)!.rssKb = Number(/(\d+)/.exec(line)?.[1] ?? 0);
		}
	}
	return found;
}

/**
 * A glibc thread arena: an anonymous 64 MiB-aligned reservation, its used part read-write and
 * the rest (if any) inaccessible right after it, the two together 64 MiB.
 */
function isArena(m: Mapping, next: Mapping | undefined): boolean {
	if (m.path || m.perms !== 'rw-p' || m.start % ARENA !== 0n) return false;
	const size = m.end - m.start;
	if (size === ARENA) return true;
	return (
		!!next &&
		!next.path &&
		next.perms === '---p' &&
		next.start === m.end &&
		next.end - m.start === ARENA
	);
}

export function rssByKind(pid: number): RssByKind {
	const kb = { mallocMain: 0, mallocThreads: 0, otherAnonymous: 0, files: 0, rest: 0 };
	const all = mappings(pid);
	all.forEach((m, i) => {
		if (m.path === '[heap]') kb.mallocMain += m.rssKb;
		else if (isArena(m, all[i + 1])) kb.mallocThreads += m.rssKb;
		else if (!m.path) kb.otherAnonymous += m.rssKb;
		else if (m.path.startsWith('/')) kb.files += m.rssKb;
		else kb.rest += m.rssKb;
	});
	const mb = (n: number) => Math.round(n / 1024);
	return {
		mallocMainMb: mb(kb.mallocMain),
		mallocThreadsMb: mb(kb.mallocThreads),
		otherAnonymousMb: mb(kb.otherAnonymous),
		filesMb: mb(kb.files),
		restMb: mb(kb.rest)
	};
}

export const describeRss = (r: RssByKind) =>
	`malloc ${r.mallocMainMb} MB main + ${r.mallocThreadsMb} MB thread arenas, ` +
	`other anonymous ${r.otherAnonymousMb} MB, files ${r.filesMb} MB, rest ${r.restMb} MB`;

if (import.meta.main) console.log(describeRss(rssByKind(Number(process.argv[2] ?? process.pid))));
