import {
	Document,
	ExternalHyperlink,
	HeadingLevel,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun
} from 'docx';
import { describe, expect, it } from 'vitest';
import { docxBytes, pdfBytes, pngBytes } from '../testing/world.ts';
import { toJSON } from './content.ts';
import { toDocx } from './docx.ts';
import { fromFile, MAX_BYTES, toState, unzippedSize, type Imported } from './import.ts';
import { fromMarkdown, toMarkdown } from './markdown.ts';
import { toDoc } from './store.ts';

const file = (bytes: Uint8Array | string, name: string) =>
	new File([typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>)], name);

/** The imported content as Markdown, read back from the Yjs state as the editor would. */
function markdownOf(result: Imported): string {
	if (!result.ok) throw new Error(`refused: ${result.reason}`);
	return toMarkdown(toJSON(toDoc(toState(result.content))));
}

// A Word file written with the docx package directly, as another program would write one.
async function wordFile(): Promise<Uint8Array> {
	const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
	const doc = new Document({
		sections: [
			{
				children: [
					new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Rutin för mottagning' }),
					new Paragraph({
						children: [
							new TextRun('Vi tar emot '),
							new TextRun({ text: 'alla', bold: true }),
							new TextRun(' enligt '),
							new ExternalHyperlink({
								link: 'https://example.org/rutin',
								children: [new TextRun('rutinen')]
							})
						]
					}),
					new Paragraph({ text: 'Första steget', bullet: { level: 0 } }),
					new Paragraph({ text: 'Andra steget', bullet: { level: 0 } }),
					new Table({
						rows: [
							new TableRow({ children: [cell('Vem'), cell('Vad')] }),
							new TableRow({ children: [cell('Anna'), cell('Samordnar')] })
						]
					})
				]
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(doc));
}

describe('fromFile: Word', () => {
	it('imports a Word file written by another program', async () => {
		const result = await fromFile(file(await wordFile(), 'rutin.docx'));
		expect(result).toMatchObject({ ok: true, title: 'Rutin för mottagning' });
		// The title is above the text: the heading that says the same is not repeated.
		expect(markdownOf(result)).toBe(
			'Vi tar emot **alla** enligt [rutinen](https://example.org/rutin)\n\n' +
				'- Första steget\n- Andra steget\n\n' +
				'| Vem | Vad |\n| --- | --- |\n| Anna | Samordnar |'
		);
	});

	it('reads back what the DOCX export writes', async () => {
		const source =
			'## Del ett\n\n- [x] klart\n- [ ] kvar\n\n> Ett citat\n\n> [!NOTE]\n> Info\n\n```\nkod\n```\n\nText med `kod` och <u>understruken</u>.';
		const bytes = await toDocx(fromMarkdown(source), { title: 'Exporterat' });
		const result = await fromFile(file(bytes, 'Exporterat.docx'));
		expect(result).toMatchObject({ ok: true, title: 'Exporterat' });
		expect(markdownOf(result)).toBe(source);
	});

	it('imports the smallest Word file, titled by its name', async () => {
		const result = await fromFile(file(docxBytes(), 'Minsta möjliga.docx'));
		expect(result).toMatchObject({ ok: true, title: 'Minsta möjliga' });
		expect(markdownOf(result)).toBe('Hej');
	});

	it('refuses files that are not readable Word files', async () => {
		// The same zip with its main part renamed: mammoth finds no document in it.
		const renamed = Buffer.from(docxBytes());
		for (let at = renamed.indexOf('word/document.xml'); at >= 0;) {
			renamed.write('word/documenx.xml', at);
			at = renamed.indexOf('word/document.xml', at + 1);
		}
		const word = await wordFile();
		const refusals = await Promise.all([
			fromFile(file(renamed, 'utan-innehåll.docx')),
			fromFile(file(word.subarray(0, word.length - 40), 'avklippt.docx')),
			fromFile(file(new Uint8Array(200).fill(7), 'brus.docx'))
		]);
		expect(refusals).toEqual([
			{ ok: false, reason: 'unreadable' },
			{ ok: false, reason: 'unreadable' },
			{ ok: false, reason: 'unreadable' }
		]);
	});
});

describe('fromFile: Markdown', () => {
	it('imports Markdown with the first heading as title', async () => {
		const result = await fromFile(file('Inledning\n\n## Mål\n\n- ett', 'plan.md'));
		expect(result).toMatchObject({ ok: true, title: 'Mål' });
		expect(markdownOf(result)).toBe('Inledning\n\n## Mål\n\n- ett');
	});

	it('takes the title from the file name when there is no heading', async () => {
		const result = await fromFile(file('\uFEFFBara text.', 'Årsplan_2026.markdown'));
		expect(result).toMatchObject({ ok: true, title: 'Årsplan 2026' });
	});
});

describe('fromFile: refusals', () => {
	it.each([
		['an empty file', () => file('', 'tom.md'), 'empty'],
		['only white space', () => file(' \n\n\t', 'blank.md'), 'empty'],
		['too large', () => file('a'.repeat(MAX_BYTES + 1), 'stor.md'), 'too_large'],
		['an image', () => file(pngBytes(), 'bild.md'), 'wrong_type'],
		['a PDF named .docx', () => file(pdfBytes(), 'rapport.docx'), 'wrong_type'],
		[
			'text that is not UTF-8',
			() => file(Uint8Array.from([0x61, 0xff, 0xfe, 0x62]), 'x.md'),
			'wrong_type'
		],
		['another kind of text file', () => file('a,b\n1,2', 'data.csv'), 'wrong_type']
	])('refuses %s', async (_, make, reason) => {
		expect(await fromFile(make())).toEqual({ ok: false, reason });
	});
});

describe('unzippedSize', () => {
	it("sums the sizes in a zip's central directory", async () => {
		const size = unzippedSize(await wordFile());
		expect(size).toBeGreaterThan(1000);
		expect(unzippedSize(pngBytes())).toBeNull();
	});
});
