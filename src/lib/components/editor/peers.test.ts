import { describe, expect, it } from 'vitest';
import { initials, peersOf, textOn } from './peers';

describe('peersOf', () => {
	const states = new Map<number, Record<string, unknown>>([
		[1, { user: { id: 'me', name: 'Anna Lind', color: '#112233' } }],
		[2, { user: { id: 'e', name: 'Erik Berg', color: '#aa3300' }, comments: 2 }],
		[3, { user: { id: 'e', name: 'Erik Berg', color: '#aa3300' }, comments: 5 }],
		[4, { user: { id: 'b', name: 'Berit Ås', color: 'red' } }],
		[5, { cursor: null }]
	]);

	it('lists each other person once, by name, and keeps comment counters per client', () => {
		const view = peersOf(states, 1);
		expect(view.peers).toEqual([
			{ key: 'b', name: 'Berit Ås', color: '#4a5957' },
			{ key: 'e', name: 'Erik Berg', color: '#aa3300' }
		]);
		expect([...view.commentCounters]).toEqual([
			[2, 2],
			[3, 5],
			[4, 0],
			[5, 0]
		]);
		expect(peersOf(states, 1).key).toBe(view.key);
		expect(peersOf(new Map([...states].slice(0, 2)), 1).key).not.toBe(view.key);
	});
});

describe('initials and colours', () => {
	it('take first and last name', () => {
		expect(initials('anna maria lind')).toBe('AL');
		expect(initials('Åsa')).toBe('Å');
	});

	it('choose the text colour with the better contrast', () => {
		expect(textOn('#ffff00')).toBe('#000');
		expect(textOn('#1d4e5f')).toBe('#fff');
	});
});
