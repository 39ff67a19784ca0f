import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { pngBytes } from '../testing/world.ts';
import { imageInfo, toDocx } from './docx.ts';
import { fromMarkdown } from './markdown.ts';

// The Word file is opened again with mammoth, as a reader's word processor would open it.

const markdown = `# Handlingsplan

Inledning med **fet** text och [en länk](https://example.org/plan).

- Första punkten
- Andra punkten
  - Under andra

1. Steg ett
2. Steg två

- [x] Klar uppgift
- [ ] Öppen uppgift

| Kommun | Invånare |
| --- | --- |
| Avesta | 23000 |

> [!TIP]
> Börja i tid

![Karta](/docs/6f1c2a3e-0000-4000-8000-000000000001/images/6f1c2a3e-0000-4000-8000-000000000002)

![Saknas](https://example.org/saknas.png)
`;

const src =
	'/docs/6f1c2a3e-0000-4000-8000-000000000001/images/6f1c2a3e-0000-4000-8000-000000000002';

async function open(bytes: Uint8Array) {
	const buffer = Buffer.from(bytes);
	const [html, text] = await Promise.all([
		mammoth.convertToHtml({ buffer }),
		mammoth.extractRawText({ buffer })
	]);
	return { html: html.value, text: text.value };
}

describe('toDocx', async () => {
	const png = pngBytes();
	const bytes = await toDocx(fromMarkdown(markdown), {
		title: 'Plan för Avesta',
		origin: 'https://erfa.test',
		images: new Map([[src, { data: png, type: 'png', width: 1, height: 1 }]])
	});
	const { html, text } = await open(bytes);

	it('is a Word file (a zip whose first entry is the content types)', () => {
		expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe('PK');
	});

	it('has the title and the headings as Word headings', () => {
		expect(html).toContain('<h1>Handlingsplan</h1>');
		expect(text).toContain('Plan för Avesta');
	});

	it('has the list items as Word lists', () => {
		expect(html).toMatch(
			/<ul><li>Första punkten<\/li><li>Andra punkten<ul><li>Under andra<\/li><\/ul><\/li><\/ul>/
		);
		expect(html).toContain('<ol><li>Steg ett</li><li>Steg två</li></ol>');
	});

	it('writes task items with ☑ and ☐', () => {
		expect(text).toContain('☑ Klar uppgift');
		expect(text).toContain('☐ Öppen uppgift');
	});

	it('has the table with its header and cells', () => {
		expect(html).toMatch(/<table><thead><tr><th>.*Kommun.*<\/th>/);
		expect(html).toContain('<td><p>Avesta</p></td><td><p>23000</p></td>');
	});

	it('keeps links as hyperlinks and text marks', () => {
		expect(html).toContain('<a href="https://example.org/plan">en länk</a>');
		expect(html).toContain('<strong>fet</strong>');
	});

	it('embeds the images it was given and writes the alt text of the others', () => {
		expect(html).toMatch(/<img alt="Karta" src="data:image\/png;base64,/);
		expect(text).toContain('Saknas');
		expect(text).toContain('Börja i tid');
	});
});

describe('imageInfo', () => {
	it('reads the size of PNG, GIF and JPEG images and refuses others', () => {
		expect(imageInfo(pngBytes())).toEqual({ type: 'png', width: 1, height: 1 });
		const gif = Uint8Array.from([...Buffer.from('GIF89a'), 3, 0, 2, 0, 0, 0, 0]);
		expect(imageInfo(gif)).toEqual({ type: 'gif', width: 3, height: 2 });
		// SOI, an APP0 segment of 4 bytes, then SOF0 with height 5 and width 7.
		const jpeg = Uint8Array.from([
			0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 5, 0, 7, 1, 1, 0x11, 0
		]);
		expect(imageInfo(jpeg)).toEqual({ type: 'jpg', width: 7, height: 5 });
		expect(imageInfo(Buffer.from('RIFF....WEBPVP8 '))).toBeNull();
	});
});
