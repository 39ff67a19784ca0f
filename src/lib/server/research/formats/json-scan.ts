// A JSON syntax scanner for what JSON.parse does not tell us: the offset of the first error (V8
// names a position only for some errors) and where each element of the top-level array starts,
// so every CSL item can be reported by its line. Iterative, so deep nesting cannot overflow.

export interface JsonScan {
	/** Offset of the first syntax error, or null when the text is valid JSON. */
	errorAt: number | null;
	/** Offsets where the top-level array's elements start (empty when the root is no array). */
	elementStarts: number[];
}

type State = 'value' | 'firstValue' | 'key' | 'firstKey' | 'afterValue';

const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const whitespace = /[ \t\n\r]*/y;

/** End offset of the string starting at `start` (a quote), or -1 when it is invalid. */
function stringEnd(text: string, start: number): number {
	for (let i = start + 1; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x22) return i + 1;
		if (code < 0x20) return -1;
		if (code === 0x5c) {
			const next = text[i + 1] ?? '';
			if (next === 'u') {
				if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -1;
				i += 5;
			} else if ('"\\/bfnrt'.includes(next) && next) i += 1;
			else return -1;
		}
	}
	return -1;
}

export function scanJson(text: string): JsonScan {
	const stack: string[] = [];
	const elementStarts: number[] = [];
	const fail = (at: number): JsonScan => ({ errorAt: at, elementStarts });
	let state: State = 'value';
	let i = 0;
	for (;;) {
		whitespace.lastIndex = i;
		whitespace.exec(text);
		i = whitespace.lastIndex;
		const c = text[i];
		if (state === 'afterValue') {
			const top = stack.at(-1);
			if (top === undefined) return i < text.length ? fail(i) : { errorAt: null, elementStarts };
			if (c === ',') state = top === '{' ? 'key' : 'value';
			else if (c === (top === '{' ? '}' : ']')) stack.pop();
			else return fail(i);
			i += 1;
		} else if (state === 'key' || state === 'firstKey') {
			if (state === 'firstKey' && c === '}') {
				stack.pop();
				i += 1;
				state = 'afterValue';
				continue;
			}
			const end = c === '"' ? stringEnd(text, i) : -1;
			if (end < 0) return fail(i);
			whitespace.lastIndex = end;
			whitespace.exec(text);
			if (text[whitespace.lastIndex] !== ':') return fail(whitespace.lastIndex);
			i = whitespace.lastIndex + 1;
			state = 'value';
		} else {
			if (state === 'firstValue' && c === ']') {
				stack.pop();
				i += 1;
				state = 'afterValue';
				continue;
			}
			if (stack.length === 1 && stack[0] === '[') elementStarts.push(i);
			if (c === '{' || c === '[') {
				stack.push(c);
				i += 1;
				state = c === '{' ? 'firstKey' : 'firstValue';
				continue;
			}
			let end = -1;
			if (c === '"') end = stringEnd(text, i);
			else {
				literal.lastIndex = i;
				if (literal.exec(text)) end = literal.lastIndex;
			}
			if (end < 0) return fail(i);
			i = end;
			state = 'afterValue';
		}
	}
}

/** 1-based lines of ascending offsets, in one pass over the text. */
export function linesOf(text: string, offsets: number[]): number[] {
	const lines: number[] = [];
	let line = 1;
	let at = 0;
	for (const offset of offsets) {
		for (; at < offset && at < text.length; at++) if (text.charCodeAt(at) === 10) line += 1;
		lines.push(line);
	}
	return lines;
}
