import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { PmNode } from './convert.ts';
import { bodyHTML, safeBodyHTML, toHTML } from './html.ts';
import { fromMarkdown } from './markdown.ts';

const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });
const text = (value: string, marks: PmNode['marks'] = []): PmNode => ({
	type: 'text',
	text: value,
	marks
});
const paragraph = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });

const hostile = doc(
	paragraph(
		text('<script>alert(1)</script>'),
		text('klicka', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
		text('bra', [{ type: 'link', attrs: { href: 'https://example.org/?a=1&b="2"' } }])
	),
	{ type: 'image', attrs: { src: 'x" onerror="alert(1)', alt: '" onerror="alert(2)' } },
	{ type: 'image', attrs: { src: '/a.png', alt: '"><img src=x onerror=alert(3)>' } }
);

/** Elements that could run script: <script>, on* handlers, javascript: addresses. */
const dangerous = (html: string) =>
	DomUtils.findAll(
		(e) =>
			e.name === 'script' ||
			Object.entries(e.attribs).some(
				([name, value]) => name.startsWith('on') || /^\s*javascript:/i.test(value)
			),
		parseDocument(html).children
	);

describe('toHTML', () => {
	const page = toHTML(fromMarkdown('# Rubrik\n\nText'), {
		title: 'Plan <2026>',
		lang: 'sv',
		origin: 'https://erfa.test'
	});
	const dom = parseDocument(page);
	const one = (name: string) => DomUtils.getElementsByTagName(name, dom);

	it('is a complete page with language, title, one h1 and a main landmark', () => {
		expect(page.startsWith('<!doctype html>')).toBe(true);
		expect(one('html')[0]!.attribs.lang).toBe('sv');
		expect(DomUtils.textContent(one('title')[0]!)).toBe('Plan <2026>');
		expect(one('h1').map((h) => DomUtils.textContent(h))).toEqual(['Plan <2026>']);
		expect(one('main')).toHaveLength(1);
		expect(page).toContain('<meta charset="utf-8">');
	});

	it("puts the document's own headings under the title", () => {
		expect(DomUtils.textContent(one('h2')[0]!)).toBe('Rubrik');
	});
});

describe('bodyHTML', () => {
	const html = bodyHTML(hostile);

	it('escapes text and attributes and drops unsafe links', () => {
		expect(html).not.toContain('<script>');
		expect(html).toContain('&#60;script&#62;');
		expect(html).not.toContain('javascript:');
		expect(html).toContain('href="https://example.org/?a=1&#38;b=&#34;2&#34;"');
		expect(dangerous(html)).toEqual([]);
		const dom = parseDocument(html);
		// The first image's address is not a safe one: only its alt text is left.
		expect(DomUtils.getElementsByTagName('img', dom).map((i) => i.attribs.src)).toEqual(['/a.png']);
	});

	it('marks up tables, task items, callouts and code for every reader', () => {
		const html = bodyHTML(
			fromMarkdown(
				'| A | B |\n| --- | --- |\n| 1 | 2 |\n\n- [x] klart\n- [ ] kvar\n\n> [!WARNING]\n> Se upp\n\n```js\na < b\n```'
			)
		);
		expect(html).toContain('<th scope="col"><p>A</p></th>');
		expect(html).toContain('<thead><tr>');
		expect(html).toMatch(/role="img" aria-label="[^"]+">☑<\/span> klart/);
		expect(html).toContain('role="note"');
		expect(html).toContain('callout-warning');
		expect(html).toContain('<pre><code class="language-js">a &#60; b</code></pre>');
	});

	it('makes links and images to this site absolute when an origin is given', () => {
		const json = fromMarkdown('[hem](/groups/a) ![bild](/docs/x/images/y)');
		expect(bodyHTML(json, 'https://erfa.test')).toContain('href="https://erfa.test/groups/a"');
		expect(bodyHTML(json, 'https://erfa.test')).toContain(
			'src="https://erfa.test/docs/x/images/y"'
		);
		expect(bodyHTML(json)).toContain('href="/groups/a"');
	});
});

describe('safeBodyHTML', () => {
	it('keeps the markup the converter writes', () => {
		const json = fromMarkdown('## Hej\n\n- [x] **klart**\n\n> [!TIP]\n> ok\n\n[l](https://e.org)');
		expect(safeBodyHTML(json)).toBe(bodyHTML(json));
	});

	it('is still safe for hostile content', () => {
		const html = safeBodyHTML(hostile);
		expect(dangerous(html)).toEqual([]);
		expect(html).toContain('&lt;script&gt;');
	});
});
