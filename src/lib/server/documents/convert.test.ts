import { describe, expect, it } from 'vitest';
import { documentImage, firstHeading, safeHref, safeSrc, segments } from './convert.ts';

const doc = '6f1c2a3e-0000-4000-8000-000000000001';
const file = '6f1c2a3e-0000-4000-8000-000000000002';

describe('safeHref', () => {
	it.each([
		['https://example.org/a?b=1', 'https://example.org/a?b=1'],
		['mailto:anna@avesta.test', 'mailto:anna@avesta.test'],
		['/groups/a', '/groups/a'],
		['#del-2', '#del-2'],
		['javascript:alert(1)', null],
		['java\tscript:alert(1)', null],
		[' JavaScript:alert(1)', null],
		['data:text/html,<b>x</b>', null],
		['//evil.example/x', null],
		['vbscript:x', null],
		['relative/path', null],
		[42, null]
	])('%s → %s', (href, expected) => {
		expect(safeHref(href)).toBe(expected);
	});

	it('makes paths on this site absolute when given the origin', () => {
		expect(safeHref('/groups/a', 'https://erfa.test')).toBe('https://erfa.test/groups/a');
		expect(safeSrc('mailto:a@b.c')).toBeNull();
	});
});

describe('documentImage', () => {
	it('recognizes images uploaded into documents, on this site only', () => {
		const path = `/docs/${doc}/images/${file}`;
		expect(documentImage(path)).toEqual({ documentId: doc, fileId: file });
		expect(documentImage(`https://erfa.test${path}`, 'https://erfa.test')).toEqual({
			documentId: doc,
			fileId: file
		});
		expect(documentImage(`https://elsewhere.test${path}`, 'https://erfa.test')).toBeNull();
		expect(documentImage(`https://erfa.test${path}`)).toBeNull();
		expect(documentImage(`/docs/${doc}/images/../../x`)).toBeNull();
	});
});

describe('segments', () => {
	it('groups runs under one link and drops unsafe links', () => {
		const link = (href: string) => [{ type: 'link', attrs: { href } }];
		const result = segments([
			{ type: 'text', text: 'Se ' },
			{ type: 'text', text: 'fet', marks: [{ type: 'bold' }, ...link('https://a.test')] },
			{ type: 'text', text: ' länk', marks: link('https://a.test') },
			{ type: 'hardBreak' },
			{ type: 'text', text: 'farlig', marks: link('javascript:x') }
		]);
		expect(result).toEqual([
			{ href: null, runs: [{ text: 'Se ', marks: [] }] },
			{
				href: 'https://a.test',
				runs: [
					{ text: 'fet', marks: ['bold'] },
					{ text: ' länk', marks: [] }
				]
			},
			{ href: null, runs: [{ break: true }, { text: 'farlig', marks: [] }] }
		]);
	});
});

describe('firstHeading', () => {
	it("is the first heading's text, or null", () => {
		const heading = { type: 'heading', content: [{ type: 'text', text: '  Mål  och  syfte ' }] };
		expect(firstHeading({ type: 'doc', content: [{ type: 'paragraph' }, heading] })).toBe(
			'Mål och syfte'
		);
		expect(firstHeading({ type: 'doc', content: [] })).toBeNull();
	});
});
