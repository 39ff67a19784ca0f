import { describe, expect, it } from 'vitest';
import { fromMarkdown } from '../server/documents/markdown.ts';
import { safeImageSrc } from './image-src.ts';
import { documentSchema } from './schema.ts';

const uploaded =
	'/docs/6f1c2a3e-0000-4000-8000-000000000001/images/6f1c2a3e-0000-4000-8000-000000000002';

const hostile = [
	'javascript:alert(1)',
	' JaVaScRiPt:alert(1)',
	'java\tscript:alert(1)',
	'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
	'vbscript:msgbox(1)',
	'//evil.example/x.png',
	'/\\evil.example/x.png',
	'https:/\\evil.example/x.png',
	'/logout',
	'/notifications/1',
	`${uploaded}?x=1`,
	'images/a.png',
	'',
	null
];

describe('safeImageSrc', () => {
	it('keeps uploaded document images and http(s) addresses', () => {
		expect(safeImageSrc(uploaded)).toBe(uploaded);
		expect(safeImageSrc('https://example.org/karta.png')).toBe('https://example.org/karta.png');
		expect(safeImageSrc('http://example.org/karta.png')).toBe('http://example.org/karta.png');
	});

	it.each(hostile)('drops %j', (src) => {
		expect(safeImageSrc(src)).toBeNull();
	});
});

// A stand-in for a DOM element: the schema's rules only ask for attributes.
const element = (src: string) => ({
	getAttribute: (name: string) => (name === 'src' ? src : null)
});

describe('the image node in the document schema', () => {
	const image = documentSchema().nodes.image!;
	const rule = image.spec.parseDOM![0]!;
	const parse = (src: string) => rule.getAttrs!(element(src) as unknown as HTMLElement);

	it('turns pasted HTML into an image only when its address is safe', () => {
		expect(parse(uploaded)).toMatchObject({ src: uploaded });
		for (const src of ['javascript:alert(1)', 'data:image/png;base64,AAAA', '/logout']) {
			expect(parse(src)).toBe(false);
		}
	});

	it('draws an image that holds an unsafe address without it', () => {
		const draw = (src: string) => image.spec.toDOM!(image.create({ src, alt: 'Karta' }));
		expect(draw(uploaded)).toEqual(['img', expect.objectContaining({ src: uploaded })]);
		const [, attrs] = draw('javascript:alert(1)') as [string, Record<string, unknown>];
		expect(attrs.src ?? null).toBeNull();
		expect(attrs.alt).toBe('Karta');
	});

	it('is what a Markdown import keeps', () => {
		const json = fromMarkdown(`![a](/logout) ![b](data:image/png;base64,AAAA) ![c](${uploaded})`);
		const sources = JSON.stringify(json).match(/"src":(null|"[^"]*")/g);
		// The data: image is not even an image to markdown-it; the others keep their alt text.
		expect(sources).toEqual(['"src":null', `"src":"${uploaded}"`]);
		expect(JSON.stringify(json)).not.toMatch(/logout|data:/);
	});
});
