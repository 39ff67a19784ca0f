import { describe, expect, it } from 'vitest';
import { parse } from '$lib/server/forms';
import { readFilters } from './filters';
import { proposal, slugFor } from './group-form';

const submit = (fields: [string, string][]) => {
	const form = new FormData();
	for (const [k, v] of fields) form.append(k, v);
	return parse(proposal, form, ['sdg']);
};

describe('the proposal form', () => {
	it('reads a filled-in form: CRLF as one line break, goals once, no theme as null', () => {
		const parsed = submit([
			['name', ' Gruvturism '],
			['slug', ''],
			['description', 'Rad ett\r\nrad två'],
			['theme', ''],
			['sdg', '8'],
			['sdg', '8'],
			['sdg', '11'],
			['visibility', 'closed']
		]);
		expect(parsed).toEqual({
			ok: true,
			data: {
				name: 'Gruvturism',
				slug: '',
				description: 'Rad ett\nrad två',
				theme: null,
				sdg: [8, 11],
				visibility: 'closed'
			}
		});
		if (parsed.ok) expect(slugFor(parsed.data)).toBe('gruvturism');
	});

	it('answers 400 with a message per field and keeps what was typed', () => {
		const parsed = submit([
			['name', 'x'],
			['theme', 'inte-ett-id'],
			['sdg', '18'],
			['visibility', 'hemlig'],
			['description', 'y'.repeat(10_001)]
		]);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(Object.keys(parsed.failure.data.errors).sort()).toEqual([
			'description',
			'name',
			'sdg',
			'theme',
			'visibility'
		]);
		expect(parsed.failure.data.values.name).toBe('x');
	});

	it('makes a slug from the name only when none is typed, and refuses odd ones', () => {
		expect(slugFor({ slug: '', name: 'Högskolan i Gävle' })).toBe('hogskolan-i-gavle');
		expect(slugFor({ slug: 'egen-adress', name: 'Något' })).toBe('egen-adress');
		expect(slugFor({ slug: 'två--streck', name: 'x' })).toBeNull();
		expect(slugFor({ slug: '', name: '!!!' })).toBeNull();
	});
});

describe('the /groups filters', () => {
	it('read the query string and ignore anything unexpected', () => {
		const read = (q: string) => readFilters(new URLSearchParams(q));
		expect(read('theme=attraktivitet&sdg=11&visibility=closed&mine=1')).toEqual({
			theme: 'attraktivitet',
			sdg: 11,
			visibility: 'closed',
			mine: true
		});
		expect(read('theme=%3Cscript%3E&sdg=18&visibility=secret&mine=yes')).toEqual({
			theme: null,
			sdg: null,
			visibility: null,
			mine: false
		});
	});
});
