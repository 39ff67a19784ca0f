import { describe, expect, it } from 'vitest';
import type { Issue } from '$lib/newsletter/types';
import { schema, toInput } from './form.ts';
import { hasContent } from './issues.ts';
import { cleanIntro, issueHtml, issueText, plain } from './render.ts';

// The mail as subscribers get it, in both languages, and the compose form's reading of items.

const issue: Issue = {
	id: 'x',
	subjectSv: 'Hösten 2026',
	subjectEn: '',
	introSv: '<p>Hej <strong>alla</strong>!</p><ul><li>Ett</li></ul>',
	introEn: '<p>Hello <em>everyone</em>!</p>',
	items: [{ kind: 'research', title: 'Studie & rapport', summary: 'Mål 8', url: '/research/1' }],
	status: 'draft',
	createdAt: '2026-12-01T00:00:00Z',
	sentAt: null
};
const footer = { unsubscribeUrl: 'https://erfa.example/newsletter/unsubscribe?token=t' };

describe('the mail', () => {
	it('is accessible HTML with the same words as its plain-text part', () => {
		const html = issueHtml(issue, 'sv', footer);
		expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
		expect(html).toContain('<title>Hösten 2026</title>');
		expect(html).toContain(
			'<h1 style="font-size:26px;line-height:1.25;margin:0 0 16px">Hösten 2026</h1>'
		);
		expect(html).toContain('Studie &#38; rapport');
		expect(html).toContain(footer.unsubscribeUrl);
		const text = issueText(issue, 'sv', footer);
		expect(text).toContain('Hej alla!\n\n- Ett');
		expect(text).toContain('Ny forskning: Studie & rapport\nMål 8\nhttp');
		expect(text).toContain(`Avsluta prenumerationen: ${footer.unsubscribeUrl}`);
	});

	it('speaks English to English subscribers, falling back to the Swedish subject', () => {
		const html = issueHtml(issue, 'en', footer);
		expect(html).toContain('<html lang="en">');
		expect(html).toContain('<title>Hösten 2026</title>');
		expect(html).toContain('Hello <em>everyone</em>!');
		expect(html).toContain('In this issue');
		expect(issueText(issue, 'en', footer)).toContain(`Unsubscribe: ${footer.unsubscribeUrl}`);
	});

	it('keeps only harmless markup from the editor', () => {
		const dirty =
			'<h1 onclick="x()">Rubrik</h1><p><a href="javascript:alert(1)">a</a><script>1</script>' +
			'<img src="https://evil/x.png"><a href="https://ok.example">ok</a></p>';
		expect(cleanIntro(dirty)).toBe(
			'<h2>Rubrik</h2><p><a>a</a><a href="https://ok.example">ok</a></p>'
		);
		expect(cleanIntro('<p></p>')).toBe('');
		expect(plain('<p>A &amp; B</p><p><a href="https://x.example">länk</a></p>')).toBe(
			'A & B\n\nlänk (https://x.example)'
		);
	});
});

describe('the compose form', () => {
	const form = (over: Record<string, unknown>) =>
		schema.safeParse({
			subject_sv: 'Ämne',
			subject_en: '',
			intro_sv: '',
			intro_en: '',
			item_kind: ['event', 'document', 'research'],
			item_title: ['A', 'B', '  '],
			item_summary: ['a', 'b', 'c'],
			item_url: ['/events/1', '/docs/2', '/research/3'],
			item_include: ['1', '0', '2'],
			...over
		});

	it('keeps the chosen items in the order they stood, leaving out those without a heading', () => {
		const parsed = form({});
		expect(parsed.success).toBe(true);
		const input = toInput(parsed.data!);
		expect(input.items.map((i) => i.title)).toEqual(['A', 'B']);
		expect(hasContent(input)).toBe(true);
	});

	it('is empty with nothing chosen and no introduction', () => {
		const parsed = form({ item_include: [], intro_sv: '<p> </p>' });
		expect(hasContent(toInput(parsed.data!))).toBe(false);
	});

	it('refuses an item address that is not a page or a web address', () => {
		expect(form({ item_url: ['javascript:alert(1)', '/docs/2', '/research/3'] }).success).toBe(
			false
		);
		expect(form({ item_url: ['//evil.example', '/docs/2', '/research/3'] }).success).toBe(false);
	});
});
