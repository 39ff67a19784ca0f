import { describe, expect, it } from 'vitest';
import { pack, unpack } from './pack.ts';
import type { Counts } from './types.ts';

const counts = (
	experiences: number,
	documents: number,
	research: number,
	uses: number,
	groups: number
): Counts => ({
	experiences,
	documents,
	research,
	uses,
	groups,
	total: experiences + documents + research + uses + groups
});

describe('a map cell on its way to the page', () => {
	it('comes back as it was, every measure in its place', () => {
		for (const cell of [
			counts(0, 0, 0, 0, 0),
			counts(3, 0, 0, 0, 0),
			counts(0, 0, 0, 0, 7),
			counts(1, 2, 3, 4, 5)
		]) {
			expect(unpack(pack(cell))).toEqual(cell);
		}
	});

	it('travels as a single 0 when empty', () => {
		expect(pack(counts(0, 0, 0, 0, 0))).toBe(0);
		expect(pack(counts(0, 1, 0, 0, 0))).toEqual([0, 1, 0, 0, 0]);
	});
});
