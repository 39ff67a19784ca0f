// BibTeX syntax: @type{key, name = value, …} records with {braced} / "quoted" / numeric / macro
// values joined by #, @string macros, @comment and @preamble, and text between entries ignored.
// Values come back raw (LaTeX still in them); every error names the line it is on.
// An abbreviation that no @string defines (`journal = jomch`, common in files cut from a larger
// library) is not an error: the value is left empty and the record says which name on which line,
// so one missing @string does not refuse the whole file.

import type { ParseError, ParseErrorCode } from '../entry.ts';
import { parseError } from '../build.ts';

export interface BibField {
	value: string;
	line: number;
}

export interface UndefinedMacro {
	name: string;
	field: string;
	line: number;
}

export interface BibRecord {
	type: string;
	key: string;
	line: number;
	fields: Map<string, BibField>;
	undefinedMacros: UndefinedMacro[];
}

/** The macros known so far, and where to note the names that are not. */
interface Macros {
	known: Map<string, string>;
	unknown: UndefinedMacro[];
}

export type BibSyntax = { ok: true; records: BibRecord[] } | { ok: false; error: ParseError };

const monthMacros = [
	'jan',
	'feb',
	'mar',
	'apr',
	'may',
	'jun',
	'jul',
	'aug',
	'sep',
	'oct',
	'nov',
	'dec'
];

class SyntaxFailure extends Error {
	code: ParseErrorCode;
	line: number;
	detail: string | undefined;
	constructor(code: ParseErrorCode, line: number, detail?: string) {
		super(code);
		this.code = code;
		this.line = line;
		this.detail = detail;
	}
}

class Reader {
	text: string;
	pos = 0;
	lineStarts: number[] = [0];
	constructor(text: string) {
		this.text = text;
		for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
	}
	lineAt(pos = this.pos): number {
		let low = 0;
		let high = this.lineStarts.length - 1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if ((this.lineStarts[mid] ?? 0) <= pos) low = mid;
			else high = mid - 1;
		}
		return low + 1;
	}
	peek(): string | undefined {
		return this.text[this.pos];
	}
	skipSpace(): void {
		while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
	}
	match(pattern: RegExp): string {
		pattern.lastIndex = this.pos;
		const found = pattern.exec(this.text);
		if (!found) return '';
		this.pos += found[0].length;
		return found[0];
	}
	/** Whether an entry (`@word{` or `@word(`) starts at pos, at the start of a line. */
	entryStartsAt(pos: number): boolean {
		const before = this.text.slice(this.lineStarts[this.lineAt(pos) - 1], pos);
		return /^\s*$/.test(before) && /^@[A-Za-z]+\s*[{(]/.test(this.text.slice(pos, pos + 40));
	}
}

/** Records in file order, or the first syntax error. */
export function readBibtex(text: string): BibSyntax {
	const reader = new Reader(text);
	const macros: Macros = {
		known: new Map(monthMacros.map((m, i) => [m, String(i + 1)])),
		unknown: []
	};
	const records: BibRecord[] = [];
	try {
		let at = nextEntry(reader);
		while (at >= 0) {
			reader.pos = at;
			const record = readEntry(reader, macros);
			if (record) records.push(record);
			at = nextEntry(reader);
		}
	} catch (e) {
		if (!(e instanceof SyntaxFailure)) throw e;
		return { ok: false, error: parseError(e.code, e.line, e.detail) };
	}
	return { ok: true, records };
}

// An @ starts an entry after whitespace, a line start or a closing brace, so an e-mail address
// in the comment text between entries is not taken for one.
function nextEntry(reader: Reader): number {
	const pattern = /(?:^|(?<=[\s}]))@(?=[A-Za-z]+\s*[{(])/g;
	pattern.lastIndex = reader.pos;
	return pattern.exec(reader.text)?.index ?? -1;
}

function readEntry(reader: Reader, macros: Macros): BibRecord | null {
	const line = reader.lineAt();
	reader.pos += 1;
	const type = reader.match(/[A-Za-z]+/y).toLowerCase();
	reader.skipSpace();
	const close = reader.peek() === '(' ? ')' : '}';
	reader.pos += 1;
	if (type === 'comment') {
		skipComment(reader, line);
		return null;
	}
	if (type === 'preamble') {
		reader.skipSpace();
		readValue(reader, macros);
		endEntry(reader, close, line);
		return null;
	}
	if (type === 'string') {
		const [name, field] = readField(reader, macros, line);
		macros.known.set(name, field.value);
		endEntry(reader, close, line);
		macros.unknown = [];
		return null;
	}
	const key = readKey(reader, line);
	const fields = new Map<string, BibField>();
	macros.unknown = [];
	while (!atEnd(reader, close, line)) {
		const [name, field] = readField(reader, macros, line);
		fields.set(name, field);
	}
	return { type, key, line, fields, undefinedMacros: macros.unknown };
}

function readKey(reader: Reader, line: number): string {
	reader.skipSpace();
	const key = reader.match(/[^\s,={}()"#]+/y);
	reader.skipSpace();
	if (!key || reader.peek() === '=') throw new SyntaxFailure('bibtex_missing_key', line);
	return key;
}

/** After a field (or the key): `,` then maybe the closing brace, or the closing brace. */
function atEnd(reader: Reader, close: string, line: number): boolean {
	// A missing comma belongs at the end of the previous value's line, so that line is reported.
	const previousLine = reader.lineAt();
	reader.skipSpace();
	const next = reader.peek();
	if (next === close) {
		reader.pos += 1;
		return true;
	}
	if (next === undefined || (next === '@' && reader.entryStartsAt(reader.pos))) {
		throw new SyntaxFailure('bibtex_unclosed_entry', line);
	}
	if (next !== ',') throw new SyntaxFailure('bibtex_syntax', previousLine, `',' or '${close}'`);
	reader.pos += 1;
	reader.skipSpace();
	if (reader.peek() !== close) return false;
	reader.pos += 1;
	return true;
}

function endEntry(reader: Reader, close: string, line: number): void {
	reader.skipSpace();
	if (reader.peek() === undefined) throw new SyntaxFailure('bibtex_unclosed_entry', line);
	if (reader.peek() !== close)
		throw new SyntaxFailure('bibtex_syntax', reader.lineAt(), `'${close}'`);
	reader.pos += 1;
}

function readField(reader: Reader, macros: Macros, line: number): [string, BibField] {
	reader.skipSpace();
	const name = reader.match(/[^\s,={}()"#]+/y).toLowerCase();
	if (!name) {
		if (reader.peek() === undefined) throw new SyntaxFailure('bibtex_unclosed_entry', line);
		throw new SyntaxFailure('bibtex_syntax', reader.lineAt(), 'a field name');
	}
	reader.skipSpace();
	if (reader.peek() !== '=') {
		throw new SyntaxFailure('bibtex_syntax', reader.lineAt(), `'=' after "${name}"`);
	}
	reader.pos += 1;
	reader.skipSpace();
	const valueLine = reader.lineAt();
	return [name, { value: readValue(reader, macros, name), line: valueLine }];
}

/** Parts joined by #: {braced}, "quoted", 2021, or a macro name. */
function readValue(reader: Reader, macros: Macros, field = ''): string {
	let value = '';
	for (;;) {
		const next = reader.peek();
		const line = reader.lineAt();
		if (next === '{' || next === '"') value += readDelimited(reader, next === '{' ? '}' : '"');
		else if (next !== undefined && /\d/.test(next)) value += reader.match(/\d+/y);
		else if (next !== undefined && /[A-Za-z]/.test(next)) {
			const name = reader.match(/[^\s,={}()"#]+/y);
			const expanded = macros.known.get(name.toLowerCase());
			if (expanded === undefined) macros.unknown.push({ name, field, line });
			else value += expanded;
		} else throw new SyntaxFailure('bibtex_syntax', line, 'a value');
		const end = reader.pos;
		reader.skipSpace();
		if (reader.peek() !== '#') {
			reader.pos = end;
			return value;
		}
		reader.pos += 1;
		reader.skipSpace();
	}
}

/** The text inside balanced braces, or inside quotes (braces balanced within). */
function readDelimited(reader: Reader, end: string): string {
	const line = reader.lineAt();
	const start = reader.pos + 1;
	let depth = end === '}' ? 1 : 0;
	for (let i = start; i < reader.text.length; i++) {
		const c = reader.text[i];
		if (c === '\\') i += 1;
		else if (c === '{') depth += 1;
		else if (c === '}' && depth > 0) depth -= 1;
		else if (c === '@' && reader.entryStartsAt(i)) break; // the next entry: a brace is missing
		if ((end === '}' && depth === 0) || (end === '"' && c === '"' && depth === 0)) {
			reader.pos = i + 1;
			return reader.text.slice(start, i);
		}
	}
	throw new SyntaxFailure('bibtex_unclosed_value', line);
}

function skipComment(reader: Reader, line: number): void {
	let depth = 1;
	while (reader.pos < reader.text.length && depth > 0) {
		const c = reader.text[reader.pos++];
		if (c === '{') depth += 1;
		else if (c === '}') depth -= 1;
	}
	if (depth > 0) throw new SyntaxFailure('bibtex_unclosed_entry', line);
}
