import { parseDocument } from 'htmlparser2';
import { Element, type ChildNode } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { plainText, render } from './markdown.ts';

// Nothing executable may survive: each vector below is a classic way in.
const vectors = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'<svg onload=alert(1)><circle/></svg>',
	'[klicka](javascript:alert(1))',
	'[klicka](JaVaScRiPt:alert(1))',
	'[klicka](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'![bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
	'<a href="javascript:alert(1)">x</a>',
	'<iframe src="https://evil.example"></iframe>',
	'<p style="background:url(javascript:alert(1))">x</p>',
	'<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
	'[x](vbscript:msgbox(1))',
	'<details open ontoggle=alert(1)>',
	'`<script>` i kod är text'
];

/** Elements and attributes in the HTML that a browser could execute or load. */
function executableParts(html: string): string[] {
	const found: string[] = [];
	const visit = (node: ChildNode) => {
		if (node instanceof Element) {
			if (/^(script|iframe|object|embed|svg|math|img|style|details|form|input)$/i.test(node.name))
				found.push(node.name);
			for (const [name, value] of Object.entries(node.attribs)) {
				if (/^on/i.test(name) || name === 'style' || name === 'srcdoc')
					found.push(`${node.name}[${name}]`);
				if (
					/^(href|src|xlink:href|action)$/i.test(name) &&
					!/^(https?:|mailto:|\/|#)/i.test(value.trim())
				) {
					found.push(`${node.name}[${name}=${value}]`);
				}
			}
			node.children.forEach(visit);
		}
	};
	parseDocument(html).children.forEach(visit);
	return found;
}

describe('render', () => {
	it.each(vectors)('leaves nothing executable in %s', (input) => {
		expect(executableParts(render(input))).toEqual([]);
	});

	it('keeps ordinary formatting and safe links', () => {
		const html = render('## Rubrik\n\n**fet** och *kursiv*, [länk](https://bergslaget.nu)');
		expect(html).toContain('<h2>Rubrik</h2>');
		expect(html).toContain('<strong>fet</strong>');
		expect(html).toContain('href="https://bergslaget.nu"');
		expect(html).toContain('rel="nofollow ugc noopener"');
	});

	it('turns a level-one heading into level two', () => {
		expect(render('# Titel')).toBe('<h2>Titel</h2>');
	});

	it('gives a text rendered again, after many others, the same HTML', () => {
		const text = '**Beskrivning** med [länk](https://bergslaget.nu)';
		const first = render(text);
		for (let i = 0; i < 100; i++) render(`Text ${i} <script>x</script>`);
		expect(render(text)).toBe(first);
		expect(render(text)).toBe(render(text));
		expect(executableParts(render('<script>alert(1)</script>'))).toEqual([]);
	});
});

describe('plainText', () => {
	it('strips Markdown and shortens', () => {
		expect(plainText('**Hej** [där](https://x.se) & <b>du</b>', 100)).toBe('Hej där & <b>du</b>');
		expect(plainText('a'.repeat(50), 10)).toHaveLength(10);
	});
});
