import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { PmNode } from './convert.ts';
import { fromMarkdown } from './markdown.ts';
import { contentHTML } from './reading.ts';

// The reading view's HTML (issue 17): the editor's own markup, drawn without a browser, and
// nothing in it that could run script, whatever the document holds.

const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });
const text = (value: string, marks: PmNode['marks'] = []): PmNode => ({
	type: 'text',
	text: value,
	marks
});
const paragraph = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });

const dangerous = (html: string) =>
	DomUtils.findAll(
		(e) =>
			e.name === 'script' ||
			Object.entries(e.attribs).some(
				([name, value]) => name.startsWith('on') || /^\s*(javascript|data):/i.test(value)
			),
		parseDocument(html).children
	);

describe('contentHTML', () => {
	it('draws the editor markup: headings, lists, tasks, tables, callouts', () => {
		const html = contentHTML(
			fromMarkdown(
				'# Rubrik\n\nText med **fet** och [länk](https://example.org).\n\n- ett\n- två\n\n| a | b |\n| - | - |\n| 1 | 2 |'
			)
		);
		// One level under the page's title, as the editor shows them.
		expect(html).toContain('<h2>Rubrik</h2>');
		expect(html).toContain('<strong>fet</strong>');
		expect(html).toMatch(/<a[^>]* href="https:\/\/example.org"[^>]*>länk<\/a>/);
		expect(html).toContain('<ul><li><p>ett</p></li>');
		expect(html).toMatch(/<div class="tableWrapper"><table[^>]*>/);
	});

	it('names a task checkbox by its item and makes it read-only', () => {
		const task = {
			type: 'taskList',
			content: [
				{ type: 'taskItem', attrs: { checked: true }, content: [paragraph(text('Boka lokal'))] }
			]
		};
		const html = contentHTML(doc(task));
		expect(html).toMatch(/<input[^>]* disabled[^>]* aria-label="Klar: Boka lokal"/);
		expect(html).toContain('data-checked="true"');
	});

	it('keeps one link across differently formatted text, and suggestions as ins/del', () => {
		const link = { type: 'link', attrs: { href: 'https://example.org' } };
		const html = contentHTML(
			doc(
				paragraph(
					text('a', [link]),
					text('b', [link, { type: 'bold' }]),
					text('ny', [{ type: 'insertion', attrs: { id: 'x' } }]),
					text('gammal', [{ type: 'deletion', attrs: { id: 'x' } }])
				)
			)
		);
		expect(html.match(/<a /g)).toHaveLength(1);
		expect(html).toMatch(/<ins[^>]*>ny<\/ins>/);
		expect(html).toMatch(/<del[^>]*>gammal<\/del>/);
	});

	it('escapes text and drops script addresses', () => {
		const html = contentHTML(
			doc(
				paragraph(
					text('<script>alert(1)</script>'),
					text('klicka', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
					text('citat "x"', [{ type: 'link', attrs: { href: 'https://example.org/?a=1&b="2"' } }])
				),
				{ type: 'image', attrs: { src: 'x" onerror="alert(1)', alt: '" onerror="alert(2)' } },
				{ type: 'image', attrs: { src: 'data:text/html,<script>', alt: 'x' } }
			)
		);
		expect(dangerous(html)).toEqual([]);
		expect(html).toContain('&#60;script&#62;');
	});

	it('answers with nothing for content the schema does not know', () => {
		expect(contentHTML(doc({ type: 'nonsense' }))).toBe('');
	});
});
