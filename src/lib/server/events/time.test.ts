import { describe, expect, it } from 'vitest';
import { fromLocalInput, nextWall, swedishDay, toLocalInput } from './time.ts';

// Sweden: CET (UTC+1) in winter, CEST (UTC+2) from the last Sunday of March 02:00 to the last
// Sunday of October 03:00. In 2026 those are 29 March and 25 October.

const iso = (value: string) => fromLocalInput(value)?.toISOString();

describe('Swedish wall-clock time', () => {
	it('reads summer and winter times with the right offset', () => {
		expect(iso('2026-05-15T09:00')).toBe('2026-05-15T07:00:00.000Z');
		expect(iso('2026-01-15T09:00')).toBe('2026-01-15T08:00:00.000Z');
		expect(iso('2026-03-29T01:59')).toBe('2026-03-29T00:59:00.000Z');
		expect(iso('2026-03-29T03:00')).toBe('2026-03-29T01:00:00.000Z');
	});

	it('moves a time in the spring gap forward, and takes the first of the repeated autumn hour', () => {
		expect(iso('2026-03-29T02:30')).toBe('2026-03-29T01:30:00.000Z'); // = 03:30 summer time
		expect(iso('2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z'); // the first 02:30
		expect(iso('2026-10-25T03:30')).toBe('2026-10-25T02:30:00.000Z');
	});

	it('turns instants back into datetime-local values in Swedish time', () => {
		expect(toLocalInput('2026-05-15T07:00:00Z')).toBe('2026-05-15T09:00');
		expect(toLocalInput('2026-12-31T23:30:00Z')).toBe('2027-01-01T00:30');
		expect(toLocalInput('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30');
		for (const value of ['2026-06-01T00:00', '2026-11-30T23:59', '2026-10-25T01:15']) {
			expect(toLocalInput(fromLocalInput(value)!)).toBe(value);
		}
	});

	it('refuses what is not a date and time', () => {
		for (const value of ['', '2026-02-30T10:00', '2026-05-15 09:00', '2026-05-15T24:00', 'x']) {
			expect(fromLocalInput(value)).toBeNull();
		}
	});

	it('finds the next 15 May 09:00, this year or the next', () => {
		expect(nextWall(new Date('2026-02-01T12:00:00Z'), 5, 15, 9).toISOString()).toBe(
			'2026-05-15T07:00:00.000Z'
		);
		expect(nextWall(new Date('2026-05-15T07:00:00Z'), 5, 15, 9).toISOString()).toBe(
			'2027-05-15T07:00:00.000Z'
		);
	});

	it('knows the Swedish day of an instant, which can differ from the UTC day', () => {
		expect(swedishDay(new Date('2026-06-30T22:30:00Z'))).toEqual({ year: 2026, month: 7, day: 1 });
	});
});
