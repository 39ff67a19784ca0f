// What Erfa started, read from Linux's /proc: the benchmarks check that stopping Erfa also
// stopped its PostgreSQL and PostgREST. Linux only: without /proc the list is empty.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface ProcInfo {
	pid: number;
	startTime: string;
	command: string;
}

/** Reads one /proc/<pid>/stat; its comm may contain spaces, so fields count from the last ')'. */
function procStat(pid: number): { state: string; ppid: number; startTime: string } | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { state: fields[0] ?? '', ppid: Number(fields[1]), startTime: fields[19] ?? '' };
	} catch {
		return null;
	}
}

function commandOf(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim().slice(0, 120);
	} catch {
		return '?';
	}
}

/** Every process below `pid`, with its start time so a reused pid is not mistaken for it. */
export function descendants(pid: number): ProcInfo[] {
	if (!existsSync('/proc/self/stat')) return [];
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		const stat = /^\d+$/.test(entry) ? procStat(Number(entry)) : null;
		if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
	}
	const found: ProcInfo[] = [];
	const visit = (parent: number) => {
		for (const child of children.get(parent) ?? []) {
			const stat = procStat(child);
			if (stat) found.push({ pid: child, startTime: stat.startTime, command: commandOf(child) });
			visit(child);
		}
	};
	visit(pid);
	return found;
}

/** Still running: same pid and start time, and not a zombie waiting to be reaped. */
export function isAlive(p: ProcInfo): boolean {
	const now = procStat(p.pid);
	return now !== null && now.startTime === p.startTime && now.state !== 'Z';
}
