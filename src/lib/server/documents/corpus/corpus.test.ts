import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromFile, type Read } from '../import.ts';
import { summarize, type Summary } from './summary.ts';

// Real-world Word and Markdown files written by other projects (README.md names each one's
// source and licence), each imported as a person would, with what must survive of it.

type Expected = Partial<Omit<Summary, 'text'>> & {
	title?: string;
	/** Text that must be there, word for word. */
	says?: string[];
	/** Links that must be there (others may be too). */
	linksTo?: string[];
	refused?: string;
};

const expected: Record<string, Expected> = {
	// mammoth.js test data
	'mammoth-footnotes.docx': { says: ['A tachyon walks into a bar.'] },
	'mammoth-simple-list.docx': { listDepth: 1, says: ['Apple', 'Banana'] },
	'mammoth-single-paragraph.docx': { says: ['Walking on imported air'] },
	'mammoth-strikethrough.docx': { strike: ["Today's Special: Salmon"] },
	'mammoth-tables.docx': { tables: [{ header: false, rows: 2 }], says: ['Bottom right'] },
	'mammoth-text-box.docx': { says: ['Datum plane'] },
	'mammoth-tiny-picture.docx': { images: [''] },
	'mammoth-underline.docx': { says: ['The Sunset Tree'] },
	'mammoth-utf8-bom.docx': { says: ['This XML has a byte order mark.'] },
	// pandoc test/docx
	'pandoc-block_quotes.docx': { title: 'Some block quotes, in different ways', quotes: 2 },
	'pandoc-codeblock.docx': { code: 1, says: ['readDocx :: ReaderOptions\n'] },
	'pandoc-headers.docx': {
		title: 'A Test of Headers',
		headings: [
			'2 Second Level',
			'3 Third level',
			'4 Fourth level',
			'4 Fifth level',
			'4 Sixth level'
		]
	},
	'pandoc-image.docx': { images: ["He realizes he's making the file-size too big."] },
	'pandoc-inline_code.docx': { code: 1 },
	'pandoc-inline_formatting.docx': { strike: ['strikethrough'] },
	'pandoc-inline_images.docx': {
		images: [
			'This one is green and looks like Sideshow Bob.',
			'This one is reddish, and looks like a heart that has leaked out.'
		],
		linksTo: ['http://www.google.com']
	},
	'pandoc-links.docx': {
		headings: ['2 A section for testing link targets'],
		linksTo: ['http://google.com', 'http://pandoc.org/README.html#synopsis', '#my_bookmark']
	},
	'pandoc-lists.docx': { title: 'Some nested lists', listDepth: 3 },
	'pandoc-table_one_header_row.docx': { tables: [{ header: true, rows: 1 }] },
	'pandoc-table_with_list_cell.docx': { tables: [{ header: false, rows: 2 }], listDepth: 1 },
	'pandoc-tables.docx': {
		tables: [
			{ header: true, rows: 4 },
			{ header: false, rows: 2 },
			{ header: false, rows: 2 }
		]
	},
	// The boxes are bullet glyphs in numbering.xml, which mammoth does not read: the lists stay.
	'pandoc-task_list.docx': { listDepth: 4, says: ['Checked sublist'] },
	'pandoc-track_changes_deletion.docx': { says: ['This is a text with a deletion.'] },
	'pandoc-unicode.docx': { says: ['Hello, 世界. This costs €10.'] },
	// python-docx features/steps/test_files
	'python-docx-blk-paras-and-tables.docx': { says: ['Lorem ipsum dolor sit amet'] },
	'python-docx-par-hyperlinks.docx': {
		linksTo: ['http://yahoo.com/', 'http://google.com/', 'http://python.org/']
	},
	'python-docx-par-known-styles.docx': { headings: ['1 Heading 1'], says: ['Body Text'] },
	'python-docx-shp-inline-shape-access.docx': { images: ['', ''] },
	'python-docx-tbl-having-applied-style.docx': {
		tables: [
			{ header: false, rows: 4 },
			{ header: false, rows: 4 },
			{ header: true, rows: 4 }
		]
	},
	// CommonMark spec examples
	'commonmark-example-62.md': {
		title: 'foo',
		headings: ['2 foo', '3 foo', '4 foo', '4 foo', '4 foo']
	},
	'commonmark-example-252.md': { quotes: 3, says: ['foo bar'] },
	'commonmark-example-296.md': { listDepth: 4 },
	'commonmark-example-328.md': { listDepth: 2, says: ['abcdef'] },
	'commonmark-example-503.md': {
		linksTo: ['#fragment', 'https://example.com#fragment', 'https://example.com?foo=3#frag']
	},
	// The address is a path on another site: the picture cannot be shown, its alt text stays.
	'commonmark-example-581.md': { images: ['foo bar'], says: ['My'] },
	// GitHub Flavored Markdown spec examples
	'gfm-example-198.md': { tables: [{ header: true, rows: 2 }] },
	'gfm-example-201.md': { tables: [{ header: true, rows: 2 }], quotes: 1 },
	'gfm-example-280.md': { listDepth: 2, tasks: [true, false, true, false] },
	'gfm-example-491.md': { strike: ['Hi'], says: ['Hello, world!'] },
	// pandoc test/writer.markdown: YAML front matter, then everything
	'pandoc-writer.md': {
		title: 'Pandoc Test Suite',
		listDepth: 3,
		linksTo: ['http://example.com/?foo=1&bar=2', 'mailto:nobody@nowhere.net'],
		says: ['This is a set of tests for pandoc.']
	}
};

const files = ['docx', 'md'].flatMap((dir) =>
	readdirSync(join(import.meta.dirname, dir)).map((name) => ({ dir, name }))
);

async function importFile(dir: string, name: string) {
	const bytes = readFileSync(join(import.meta.dirname, dir, name));
	return fromFile(new File([bytes], name));
}

describe('the import corpus', () => {
	it('has an expectation for every file and a file for every expectation', () => {
		expect(files.map((f) => f.name).sort()).toEqual(Object.keys(expected).sort());
	});

	it.each(files)('imports $name', async ({ dir, name }) => {
		const { says = [], linksTo = [], title, refused, ...shape } = expected[name]!;
		const result = await importFile(dir, name);
		if (refused) return expect(result).toEqual({ ok: false, reason: refused });
		expect(result.ok, `${name} was refused`).toBe(true);
		const read = result as Read;
		const summary = summarize(read.content);
		if (title) expect(read.title).toBe(title);
		expect(summary).toMatchObject(shape);
		for (const text of says) expect(summary.text).toContain(text);
		expect(summary.links).toEqual(expect.arrayContaining(linksTo));
		// Every picture in the file waits to be stored with the document.
		expect(read.images).toHaveLength(dir === 'docx' ? summary.images.length : 0);
	});
});
