import type { MarkSpec, NodeSpec, Schema } from '@tiptap/pm/model';

// A schema's spec reduced to what decides content: no HTML parsing or rendering (functions and
// parse rules), which the server never needs to read or change a document's JSON.

export interface ContentSpec {
	nodes: [string, NodeSpec][];
	marks: [string, MarkSpec][];
	topNode: string;
}

const LEFT_OUT = new Set(['parseDOM', 'toDOM', 'leafText']);

function dataOf<T extends object>(spec: T): T {
	return JSON.parse(
		JSON.stringify(spec, (key, value: unknown) =>
			LEFT_OUT.has(key) || typeof value === 'function' ? undefined : value
		)
	) as T;
}

export function contentSpecOf(schema: Schema): ContentSpec {
	const nodes: [string, NodeSpec][] = [];
	const marks: [string, MarkSpec][] = [];
	schema.spec.nodes.forEach((name, spec) => nodes.push([name, dataOf(spec)]));
	schema.spec.marks.forEach((name, spec) => marks.push([name, dataOf(spec)]));
	return { nodes, marks, topNode: schema.spec.topNode ?? 'doc' };
}
