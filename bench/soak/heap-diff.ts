// What grew in Erfa's heap between two snapshots of one process (the soak writes them with
// SOAK_HEAP_DIR): bytes and counts by constructor (DevTools' "Summary" grouping) in each, the
// groups that grew most, and, for the objects allocated after the first snapshot that are
// still alive in the second, the path by which most of each group is held, which is what tells
// one-time warm-up (a module's code, a pool, a cache filled once) from growth that would go on.
//
//   node bench/soak/heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [top]
import { groups, readHeapSnapshot, type Group, type HeapSnapshot } from './heap-snapshot.ts';

export interface Growth {
	group: string;
	beforeBytes: number;
	afterBytes: number;
	countDelta: number;
}

export interface NewSurvivors {
	group: string;
	count: number;
	bytes: number;
	/** The most frequent retainer paths among the group's new objects, with their share. */
	paths: { path: string; share: number }[];
}

export interface HeapDiff {
	beforeBytes: number;
	afterBytes: number;
	growth: Growth[];
	survivors: NewSurvivors[];
}

function growthOf(before: Map<string, Group>, after: Map<string, Group>, top: number): Growth[] {
	const names = new Set([...before.keys(), ...after.keys()]);
	return [...names]
		.map((group) => ({
			group,
			beforeBytes: before.get(group)?.bytes ?? 0,
			afterBytes: after.get(group)?.bytes ?? 0,
			countDelta: (after.get(group)?.count ?? 0) - (before.get(group)?.count ?? 0)
		}))
		.sort((a, b) => b.afterBytes - b.beforeBytes - (a.afterBytes - a.beforeBytes))
		.slice(0, top);
}

/** Paths differ only by array indices and ids from one object to the next: those are folded. */
const fold = (path: string) => path.replace(/\[\d+\]/g, '[n]').replace(/"[^"]*"/g, '"…"');

function commonPaths(after: HeapSnapshot, members: number[], samples = 300) {
	const step = Math.max(1, Math.floor(members.length / samples));
	const counts = new Map<string, number>();
	let sampled = 0;
	for (let i = 0; i < members.length; i += step, sampled++) {
		const path = fold(after.retainerPath(members[i]!));
		counts.set(path, (counts.get(path) ?? 0) + 1);
	}
	return [...counts]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 2)
		.map(([path, n]) => ({ path, share: n / sampled }));
}

function survivorsOf(before: HeapSnapshot, after: HeapSnapshot, top: number): NewSurvivors[] {
	const isNew = (n: number) => after.id(n) > before.maxId;
	const byGroup = [...groups(after, isNew)].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top);
	const wanted = new Map(byGroup.map(([name]) => [name, [] as number[]]));
	for (let n = 0; n < after.nodeCount; n++) {
		if (isNew(n)) wanted.get(after.groupOf(n))?.push(n);
	}
	return byGroup.map(([group, { count, bytes }]) => ({
		group,
		count,
		bytes,
		paths: commonPaths(after, wanted.get(group) ?? [])
	}));
}

export function heapDiff(beforeFile: string, afterFile: string, top = 12): HeapDiff {
	const before = readHeapSnapshot(beforeFile);
	const beforeGroups = groups(before);
	const after = readHeapSnapshot(afterFile);
	return {
		beforeBytes: before.totalBytes,
		afterBytes: after.totalBytes,
		growth: growthOf(beforeGroups, groups(after), top),
		survivors: survivorsOf(before, after, top)
	};
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const signedMb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;

const change = (g: Growth) =>
	`${signedMb(g.afterBytes - g.beforeBytes)} (${g.countDelta >= 0 ? '+' : ''}${g.countDelta})`;

/** The groups that grew most, on one line, for the soak's summary. */
export const growthLine = (diff: HeapDiff, top = 5) =>
	diff.growth
		.slice(0, top)
		.map((g) => `${g.group} ${change(g)}`)
		.join(', ');

export function formatDiff(diff: HeapDiff): string {
	const lines = [
		`heap ${mb(diff.beforeBytes)} → ${mb(diff.afterBytes)} (${signedMb(diff.afterBytes - diff.beforeBytes)})`,
		'',
		'Grew most, by group (self size before → after, change in count):'
	];
	for (const g of diff.growth) {
		const sizes = `${mb(g.beforeBytes)} → ${mb(g.afterBytes)}`;
		lines.push(`  ${g.group.padEnd(36)} ${sizes.padEnd(20)} ${change(g)}`);
	}
	lines.push('', 'Allocated after the first snapshot and still alive, and what holds them:');
	for (const s of diff.survivors) {
		lines.push(`  ${s.group}: ${s.count} objects, ${mb(s.bytes)}`);
		for (const p of s.paths) lines.push(`    ${Math.round(p.share * 100)} % ${p.path}`);
	}
	return lines.join('\n');
}

if (import.meta.main) {
	const [beforeFile, afterFile, top] = process.argv.slice(2);
	if (!beforeFile || !afterFile) {
		console.error('Usage: node bench/soak/heap-diff.ts <before> <after> [top]');
		process.exit(2);
	}
	console.log(formatDiff(heapDiff(beforeFile, afterFile, Number(top ?? 12))));
}
