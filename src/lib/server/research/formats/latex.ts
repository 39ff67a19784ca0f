// The LaTeX found in BibTeX field values: accents ({\"o}, \"{o}, \aa), escaped specials (\&),
// dashes and formatting commands, to plain Unicode; and the reverse escaping for export. Files
// are written as UTF-8 (what biber and modern BibTeX tools read), so letters stay letters.

// Combining marks for the accent commands, so any base letter works (NFC composes them).
const accentMarks: Record<string, string> = {
	'"': '\u0308',
	"'": '\u0301',
	'`': '\u0300',
	'^': '\u0302',
	'~': '\u0303',
	'=': '\u0304',
	'.': '\u0307',
	u: '\u0306',
	v: '\u030c',
	H: '\u030b',
	c: '\u0327',
	d: '\u0323',
	b: '\u0331',
	k: '\u0328',
	r: '\u030a'
};

const letters: Record<string, string> = {
	aa: 'å',
	AA: 'Å',
	o: 'ø',
	O: 'Ø',
	ae: 'æ',
	AE: 'Æ',
	oe: 'œ',
	OE: 'Œ',
	ss: 'ß',
	l: 'ł',
	L: 'Ł',
	i: 'ı',
	j: 'ȷ'
};

// Symbols whose output must not be touched by later steps (~ would become a space, braces
// would be stripped), so they go through private-use placeholders.
const literals: Record<string, string> = {
	'\\&': '&',
	'\\%': '%',
	'\\$': '$',
	'\\#': '#',
	'\\_': '_',
	'\\{': '{',
	'\\}': '}',
	'\\textbackslash': '\\',
	'\\textasciitilde': '~',
	'\\textasciicircum': '^',
	'\\textendash': '–',
	'\\textemdash': '—',
	'\\ldots': '…',
	'\\dots': '…',
	'\\textquotedbl': '"'
};

const symbolAccent = /\\(["'`^~=.])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij]|[A-Za-z]))/g;
const letterAccent = /\\([uvHcdbkr])(?:\s*\{\s*(\\[ij]|[A-Za-z])\s*\}|\s+(\\[ij]|[A-Za-z]))/g;
const specialLetter = /\\(aa|AA|ae|AE|oe|OE|ss|o|O|l|L|i|j)(?![A-Za-z])(?:\s*\{\}|[ \t]+)?/g;
const literal =
	/\\[&%$#_{}]|\\(?:textbackslash|textasciitilde|textasciicircum|textendash|textemdash|ldots|dots|textquotedbl)(?![A-Za-z])(?:\s*\{\})?/g;

function accent(mark: string, base: string): string {
	const letter = base === '\\i' ? 'i' : base === '\\j' ? 'j' : base;
	return `${letter}${mark}`;
}

/** Plain Unicode text from a BibTeX value (braces, accents, escapes and commands removed). */
export function decodeLatex(value: string): string {
	const kept: string[] = [];
	const keep = (text: string) => String.fromCharCode(0xe000 + kept.push(text) - 1);
	return value
		.replace(literal, (match) => keep(literals[match.replace(/\s*\{\}$/, '')] ?? ''))
		.replace(symbolAccent, (_, cmd: string, a?: string, b?: string) =>
			accent(accentMarks[cmd] ?? '', a ?? b ?? '')
		)
		.replace(letterAccent, (_, cmd: string, a?: string, b?: string) =>
			accent(accentMarks[cmd] ?? '', a ?? b ?? '')
		)
		.replace(specialLetter, (_, name: string) => letters[name] ?? '')
		.replace(/\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, '$2')
		.replace(/\\[a-zA-Z]+\*?\s*(?=\{)/g, '') // \emph{x}, \textit{x}, \url{x}: keep x
		.replace(/\\([a-zA-Z]+)\s?/g, '$1') // \LaTeX and other unknown words: keep the word
		.replace(/\\(.)/g, '$1')
		.replace(/---/g, '—')
		.replace(/--/g, '–')
		.replace(/``/g, '“')
		.replace(/''/g, '”')
		.replace(/~/g, ' ')
		.replace(/(?<!\\)\$/g, '')
		.replace(/[{}]/g, '')
		.replace(/[\ue000-\uf8ff]/g, (c) => kept[c.charCodeAt(0) - 0xe000] ?? '')
		.normalize('NFC');
}

const escapes: Record<string, string> = {
	'\\': '\\textbackslash{}',
	'{': '\\{',
	'}': '\\}',
	'&': '\\&',
	'%': '\\%',
	$: '\\$',
	'#': '\\#',
	_: '\\_',
	'~': '\\textasciitilde{}',
	'^': '\\textasciicircum{}'
};

/** A BibTeX value for plain text: LaTeX specials escaped, everything else as UTF-8. */
export function encodeLatex(value: string): string {
	return value
		.replace(/[\\{}&%$#_~^]/g, (c) => escapes[c] ?? c)
		.replace(/(?<=([-`']))(?=\1)/g, '{}'); // "--", "``", "''" would become ligatures
}
