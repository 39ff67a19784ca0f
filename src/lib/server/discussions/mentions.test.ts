import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { render } from '$lib/server/platform';
import { highlightMentions, mentionedIds, type Member } from './mentions.ts';

const anna: Member = { id: 'anna', name: 'Anna Lind' };
const annaQ: Member = { id: 'annaq', name: 'Anna Lindqvist' };
const osten: Member = { id: 'osten', name: 'Östen  Ågren' };
const evil: Member = { id: 'evil', name: '<img src=x onerror=alert(1)>' };

const ids = (md: string, members: Member[]) => mentionedIds(render(md), members);

describe('mentionedIds', () => {
	it('finds a member by full name, case-insensitively and with Swedish letters', () => {
		expect(ids('Hej @Anna Lind, vad tycker du?', [anna])).toEqual(['anna']);
		expect(ids('@anna lind', [anna])).toEqual(['anna']);
		expect(ids('Fråga @östen ågren!', [osten])).toEqual(['osten']);
	});

	it('finds nothing for someone who is not a member', () => {
		expect(ids('Hej @Sara Holm', [anna])).toEqual([]);
	});

	it('needs the whole name: "@Anna Lindqvist" is not Anna Lind', () => {
		expect(ids('Hej @Anna Lindqvist', [anna])).toEqual([]);
		expect(ids('Hej @Anna Lindqvist', [anna, annaQ])).toEqual(['annaq']);
		expect(ids('Hej @Anna Lind och @Anna Lindqvist', [anna, annaQ]).sort()).toEqual([
			'anna',
			'annaq'
		]);
	});

	it('ignores addresses, code and links', () => {
		expect(ids('skriv till kontakt@Anna Lind', [anna])).toEqual([]);
		expect(ids('`@Anna Lind` och\n\n    @Anna Lind', [anna])).toEqual([]);
		expect(ids('[@Anna Lind](https://example.se)', [anna])).toEqual([]);
	});

	it('mentions each person once however often they are named', () => {
		expect(ids('@Anna Lind @Anna Lind', [anna])).toEqual(['anna']);
	});
});

describe('highlightMentions', () => {
	it('wraps a mention in a highlighted span and leaves the rest as it was', () => {
		const html = highlightMentions(render('Hej @Anna Lind & **du**'), [anna]);
		expect(html).toBe(
			'<p>Hej <span class="mention">@Anna Lind</span> &amp; <strong>du</strong></p>'
		);
	});

	it('returns the HTML unchanged when nobody is mentioned', () => {
		const html = render('Hej [länk](https://example.se?a=1&b=2) Å');
		expect(highlightMentions(html, [anna])).toBe(html);
	});

	it('cannot be used to inject HTML through a name', () => {
		const html = highlightMentions(render('Hej @<img src=x onerror=alert(1)> där'), [evil]);
		expect(mentionedIds(render('Hej @<img src=x onerror=alert(1)> där'), [evil])).toEqual(['evil']);
		expect(html).toContain('<span class="mention">@&#60;img src=x onerror=alert(1)&#62;</span>');
		const elements: string[] = [];
		const visit = (nodes: ReturnType<typeof parseDocument>['children']) => {
			for (const node of nodes) {
				if ('name' in node) elements.push(node.name);
				if ('children' in node) visit(node.children);
			}
		};
		visit(parseDocument(html).children);
		expect(elements).toEqual(['p', 'span']);
	});

	it('does not let a member forge the placeholder it uses', () => {
		const html = highlightMentions(render('x\uE0000\uE001 @Anna Lind'), [anna]);
		expect(html).toBe('<p>x0 <span class="mention">@Anna Lind</span></p>');
	});
});
