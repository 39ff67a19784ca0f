import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fields, parse } from './index.ts';
import { cleanJson, cleanParams, cleanText, MAX_JSON_DEPTH } from './text.ts';

// What people (or scripts) send is normalised before it is validated or stored: the database
// refuses NUL and lone surrogates, and nothing a person means to write is lost on the way.

describe('cleanText', () => {
	it('removes NUL and the other invisible control characters, keeping tabs and line breaks', () => {
		expect(cleanText('a\u0000b\u0001c\u001fd\u000be\u000cf')).toBe('abcdef');
		expect(cleanText('rad 1\r\nrad 2\n\tindrag')).toBe('rad 1\r\nrad 2\n\tindrag');
	});

	it('replaces a lone surrogate and keeps surrogate pairs (emoji)', () => {
		expect(cleanText('x\ud800y\udfffz')).toBe('x\ufffdy\ufffdz');
		expect(cleanText('klart 👍')).toBe('klart 👍');
	});

	it('composes letters (NFC), so å typed on any system is the same å', () => {
		expect(cleanText('a\u030ar')).toBe('år');
		expect(cleanText('a\u030ar').length).toBe(2);
	});

	it('leaves SQL and search syntax alone: it is text like any other', () => {
		for (const text of ["'); drop table x;--", 'a & | ! :*', '%zz \\ "']) {
			expect(cleanText(text)).toBe(text);
		}
	});
});

describe('cleanJson', () => {
	it('cleans every string in a body, keys too, and keeps the rest', () => {
		const body = { 'a\u0000': ['x\ud800', { y: 'z\u0000' }], n: 1, t: true, none: null };
		expect(cleanJson(body)).toEqual({ a: ['x\ufffd', { y: 'z' }], n: 1, t: true, none: null });
	});

	it('refuses (undefined) a body nested deeper than any Erfa reads', () => {
		let deep: unknown = 'x';
		for (let i = 0; i <= MAX_JSON_DEPTH; i++) deep = [deep];
		expect(cleanJson(deep)).toBeUndefined();
		expect(cleanJson({ anchor: { start: { type: { client: 1 } } } })).toBeDefined();
	});
});

it('cleanParams cleans every value of a query string', () => {
	const params = cleanParams(new URLSearchParams({ q: 'a\u0000b', page: '2' }));
	expect([...params]).toEqual([
		['q', 'ab'],
		['page', '2']
	]);
});

describe('form parsing', () => {
	const schema = z.object({
		title: fields.text(100),
		note: fields.optionalText(20),
		password: fields.password()
	});
	const form = (entries: Record<string, string>) => {
		const data = new FormData();
		for (const [key, value] of Object.entries(entries)) data.append(key, value);
		return data;
	};

	it('stores what was meant: control characters gone, letters composed', () => {
		const parsed = parse(schema, form({ title: ' Hej\u0000 a\u030a ', note: '', password: 'p' }));
		expect(parsed).toEqual({ ok: true, data: { title: 'Hej å', note: null, password: 'p' } });
	});

	it('answers "required" when nothing but control characters was sent', () => {
		const parsed = parse(schema, form({ title: '\u0000\u0001', password: 'p' }));
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.failure.status).toBe(400);
		expect(Object.keys(parsed.failure.data.errors)).toEqual(['title']);
		expect(parsed.failure.data.values.title).toBe('');
	});

	it('answers "too long" for 10 kB, echoing it back cleaned', () => {
		const long = 'å\u0000'.repeat(5000);
		const parsed = parse(schema, form({ title: long, password: 'p' }));
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(Object.keys(parsed.failure.data.errors)).toEqual(['title']);
		expect(parsed.failure.data.values.title).toBe('å'.repeat(5000));
	});

	it('leaves passwords exactly as typed (they are hashed, never stored as text)', () => {
		const parsed = parse(schema, form({ title: 'x', password: 'a\u030a\u0001' }));
		expect(parsed.ok && parsed.data.password).toBe('a\u030a\u0001');
	});

	it('ignores a field named __proto__, which could otherwise replace the echo’s prototype', () => {
		const data = form({ title: '' });
		data.append('__proto__', 'a');
		data.append('__proto__', 'b');
		const parsed = parse(schema, data);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(Object.getPrototypeOf(parsed.failure.data.values)).toBe(Object.prototype);
		expect(Object.keys(parsed.failure.data.values)).toEqual(['title']);
	});
});
