import { describe, expect, it } from 'vitest';
import { toJSON } from './content.ts';
import type { PmNode } from './convert.ts';
import { toState } from './import.ts';
import { fromMarkdown, toMarkdown } from './markdown.ts';
import { toDoc } from './store.ts';

// Markdown → Yjs state (as an import stores it) → ProseMirror JSON (as the export reads it)
// → Markdown must give back the same text, for every node type and mark of the schema.

const image =
	'/docs/6f1c2a3e-0000-4000-8000-000000000001/images/6f1c2a3e-0000-4000-8000-000000000002';

const cases: [name: string, markdown: string, types: string[]][] = [
	[
		'paragraph with every mark',
		'Text med **fet**, *kursiv*, <u>understruken</u>, ~~struken~~, `kod` och [en länk](https://example.org/sida "Titel").',
		['paragraph']
	],
	['heading 1', '# Rubrik ett', ['heading']],
	['heading 2', '## Rubrik två', ['heading']],
	['heading 3', '### Rubrik tre', ['heading']],
	['heading 4', '#### Rubrik fyra', ['heading']],
	['bullet list, nested', '- ett\n- två\n  - nästlad', ['bulletList', 'listItem']],
	['ordered list from 3', '3. tre\n4. fyra', ['orderedList', 'listItem']],
	['task list', '- [ ] att göra\n- [x] klart\n  - [ ] nästlad', ['taskList', 'taskItem']],
	[
		'table',
		'| Namn | Roll |\n| --- | --- |\n| Anna | Samordnare |\n| Erik | a \\| b |',
		['table', 'tableRow', 'tableHeader', 'tableCell']
	],
	['blockquote', '> Ett citat\n>\n> i två stycken', ['blockquote']],
	['code block', '```ts\nconst x = 1;\n```', ['codeBlock']],
	['horizontal rule', 'före\n\n---\n\nefter', ['horizontalRule']],
	['hard break', 'rad ett\\\nrad två', ['hardBreak']],
	['image', `![En bild](${image} "Bildtitel")`, ['image']],
	['callout info', '> [!NOTE]\n> Bra att veta', ['callout']],
	['callout tip', '> [!TIP]\n> Ett tips\n>\n> Och ett till', ['callout']],
	['callout warning', '> [!WARNING]\n> Observera', ['callout']]
];

const types = (node: PmNode, into = new Set<string>()) => {
	into.add(node.type);
	node.content?.forEach((c) => types(c, into));
	return into;
};

describe('Markdown → state → Markdown', () => {
	it.each(cases)('%s', (_, markdown, expected) => {
		const json = toJSON(toDoc(toState(fromMarkdown(markdown))));
		for (const type of expected) expect(types(json)).toContain(type);
		expect(toMarkdown(json)).toBe(markdown);
	});

	it('keeps attributes: heading level, list start, checked, callout tone, image alt', () => {
		const json = fromMarkdown(cases.map((c) => c[1]).join('\n\n'));
		const blocks = json.content!;
		expect(blocks.filter((b) => b.type === 'heading').map((b) => b.attrs?.level)).toEqual([
			1, 2, 3, 4
		]);
		expect(blocks.find((b) => b.type === 'orderedList')?.attrs?.start).toBe(3);
		const tasks = blocks.find((b) => b.type === 'taskList')!.content!;
		expect(tasks.map((t) => t.attrs?.checked)).toEqual([false, true]);
		expect(blocks.filter((b) => b.type === 'callout').map((b) => b.attrs?.tone)).toEqual([
			'info',
			'tip',
			'warning'
		]);
		expect(blocks.find((b) => b.type === 'image')?.attrs).toMatchObject({
			src: image,
			alt: 'En bild',
			title: 'Bildtitel'
		});
	});
});

describe('fromMarkdown', () => {
	it('keeps raw HTML and unsafe links as text', () => {
		const json = fromMarkdown('<script>alert(1)</script> [x](javascript:alert(1))');
		expect(JSON.stringify(json)).not.toContain('"link"');
		expect(json.content![0]!.content![0]!.text).toContain('<script>alert(1)</script>');
		expect(toMarkdown(json)).toContain('\\<script>');
	});

	it('keeps a list with a box on some items only as a plain list', () => {
		const json = fromMarkdown('- [ ] a\n- b');
		expect(json.content![0]!.type).toBe('bulletList');
	});

	it('lifts an image out of its paragraph and keeps the text around it', () => {
		const json = fromMarkdown('före ![bild](https://example.org/a.png) efter');
		expect(json.content!.map((b) => b.type)).toEqual(['paragraph', 'image', 'paragraph']);
		expect(json.content![2]!.content![0]!.text).toBe('efter');
	});

	it('turns an image with an unsafe address into its alt text', () => {
		const json = fromMarkdown('![hej](javascript:alert(1))');
		expect(JSON.stringify(json)).not.toContain('"image"');
	});

	it('reads an empty file as an empty document', () => {
		expect(toMarkdown(fromMarkdown(''))).toBe('');
	});
});
