// Reading a V8 heap snapshot (the .heapsnapshot JSON the inspector writes: flat `nodes` and
// `edges` arrays described by `snapshot.meta`, names in `strings`) into what the soak needs:
// how much each kind of object weighs, which objects are new since an earlier snapshot of the
// same process (V8 keeps an object's id across snapshots), and the path by which one is held.
import { readFileSync } from 'node:fs';

interface RawSnapshot {
	snapshot: {
		meta: {
			node_fields: string[];
			node_types: [string[], ...unknown[]];
			edge_fields: string[];
			edge_types: [string[], ...unknown[]];
		};
	};
	nodes: number[];
	edges: number[];
	strings: string[];
}

export interface Group {
	count: number;
	bytes: number;
}

export interface HeapSnapshot {
	nodeCount: number;
	totalBytes: number;
	maxId: number;
	/** The kind of node `n` (its index, not its id), as heap-diff groups it. */
	groupOf(n: number): string;
	id(n: number): number;
	selfSize(n: number): number;
	/** The shortest chain of strong references from the roots to node `n`, as text. */
	retainerPath(n: number, maxSteps?: number): string;
}

// DevTools' "Summary" view groups objects by constructor and everything else by its type;
// arrays are kept apart by their name ("(object properties)", "(object elements)", …) because
// that says what they back.
function groupName(type: string, name: string): string {
	if (type === 'object' || type === 'native') return name.split(' / ')[0] || `(${type})`;
	if (type === 'array') return `(array) ${name.length < 40 ? name : ''}`.trim();
	if (type === 'hidden' || type === 'synthetic') return '(system)';
	return `(${type})`;
}

/** Where each field sits in the flat arrays, and where each node's edges start. */
function layoutOf(raw: RawSnapshot) {
	const { meta } = raw.snapshot;
	const nodeAt = (f: string) => meta.node_fields.indexOf(f);
	const edgeAt = (f: string) => meta.edge_fields.indexOf(f);
	const nodeWidth = meta.node_fields.length;
	const edgeWidth = meta.edge_fields.length;
	const nodeCount = raw.nodes.length / nodeWidth;
	const edgeCountAt = nodeAt('edge_count');
	const firstEdge = new Uint32Array(nodeCount + 1);
	for (let n = 0, e = 0; n < nodeCount; n++) {
		firstEdge[n] = e;
		e += raw.nodes[n * nodeWidth + edgeCountAt]! * edgeWidth;
	}
	firstEdge[nodeCount] = raw.edges.length;
	return {
		nodeWidth,
		edgeWidth,
		nodeCount,
		firstEdge,
		node: {
			type: nodeAt('type'),
			name: nodeAt('name'),
			id: nodeAt('id'),
			size: nodeAt('self_size')
		},
		edge: { type: edgeAt('type'), name: edgeAt('name_or_index'), to: edgeAt('to_node') }
	};
}

export function readHeapSnapshot(file: string): HeapSnapshot {
	const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
	const { nodes, edges, strings } = raw;
	const [nodeTypes, edgeTypes] = [raw.snapshot.meta.node_types[0], raw.snapshot.meta.edge_types[0]];
	const { nodeWidth, edgeWidth, nodeCount, firstEdge, node, edge } = layoutOf(raw);
	const edgeType = (e: number) => edgeTypes[edges[e + edge.type]!];
	const strong = (e: number) => edgeType(e) !== 'weak' && edgeType(e) !== 'shortcut';
	const layout = { edges, edgeWidth, nodeWidth, toAt: edge.to };
	const retainers = retainersOf(nodeCount, firstEdge, layout, strong);
	const field = (n: number, at: number) => nodes[n * nodeWidth + at]!;
	const name = (n: number) => strings[field(n, node.name)] ?? '';
	const type = (n: number) => nodeTypes[field(n, node.type)] ?? '?';
	let [totalBytes, maxId] = [0, 0];
	for (let n = 0; n < nodeCount; n++) {
		totalBytes += field(n, node.size);
		maxId = Math.max(maxId, field(n, node.id));
	}
	const edgeLabel = (e: number) => {
		const value = edges[e + edge.name]!;
		return ['element', 'hidden'].includes(edgeType(e)!) ? `[${value}]` : `.${strings[value]}`;
	};
	const describe = (n: number) => `${groupName(type(n), name(n))}${labelOf(type(n), name(n))}`;
	return {
		nodeCount,
		totalBytes,
		maxId,
		groupOf: (n) => groupName(type(n), name(n)),
		id: (n) => field(n, node.id),
		selfSize: (n) => field(n, node.size),
		retainerPath: (n, maxSteps = 12) => retainers.path(n, maxSteps, describe, edgeLabel)
	};
}

/** A closure's or a string's own name is worth seeing in a path; an object's is its group. */
function labelOf(type: string, name: string): string {
	if (type === 'closure') return ` ${name || 'anonymous'}()`;
	if (type === 'string') return ` "${name.slice(0, 30)}"`;
	return '';
}

/** Reverse edges and each node's distance from the root (node 0), for retainer paths. */
function retainersOf(
	nodeCount: number,
	firstEdge: Uint32Array,
	layout: { edges: number[]; edgeWidth: number; nodeWidth: number; toAt: number },
	strong: (e: number) => boolean
) {
	const { edges, edgeWidth, nodeWidth, toAt } = layout;
	const distance = new Int32Array(nodeCount).fill(-1);
	// For each node, the edge (offset into `edges`) by which the breadth-first walk first
	// reached it: following those back gives a shortest path, as DevTools shows first.
	const via = new Int32Array(nodeCount).fill(-1);
	const from = new Int32Array(nodeCount).fill(-1);
	const queue = new Uint32Array(nodeCount);
	let [head, tail] = [0, 0];
	distance[0] = 0;
	queue[tail++] = 0;
	while (head < tail) {
		const n = queue[head++]!;
		for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += edgeWidth) {
			const to = edges[e + toAt]! / nodeWidth;
			if (distance[to] !== -1 || !strong(e)) continue;
			distance[to] = distance[n]! + 1;
			via[to] = e;
			from[to] = n;
			queue[tail++] = to;
		}
	}
	return {
		path(
			n: number,
			maxSteps: number,
			describe: (n: number) => string,
			edgeLabel: (e: number) => string
		): string {
			if (distance[n] === -1) return `${describe(n)} (held by weak references only)`;
			const steps: string[] = [describe(n)];
			for (let at = n; from[at]! > 0 && steps.length < maxSteps; at = from[at]!) {
				steps.push(`${describe(from[at]!)}${edgeLabel(via[at]!)}`);
			}
			return steps.reverse().join(' → ');
		}
	};
}

/** Count and bytes by group, over every node or only those `keep` selects. */
export function groups(
	snapshot: HeapSnapshot,
	keep: (n: number) => boolean = () => true
): Map<string, Group> {
	const byGroup = new Map<string, Group>();
	for (let n = 0; n < snapshot.nodeCount; n++) {
		if (!keep(n)) continue;
		const key = snapshot.groupOf(n);
		const group = byGroup.get(key) ?? { count: 0, bytes: 0 };
		group.count++;
		group.bytes += snapshot.selfSize(n);
		byGroup.set(key, group);
	}
	return byGroup;
}
