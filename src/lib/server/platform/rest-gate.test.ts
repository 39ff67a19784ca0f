import { describe, expect, it } from 'vitest';
import { fifoGate } from './rest-gate.ts';

describe('fifoGate', () => {
	it('runs at most its size at once, and the others in the order they came', async () => {
		const gate = fifoGate(2);
		const started: number[] = [];
		const finish: (() => void)[] = [];
		let running = 0;
		let most = 0;
		const work = (i: number) =>
			gate(async () => {
				started.push(i);
				most = Math.max(most, ++running);
				await new Promise<void>((done) => finish.push(done));
				running--;
				return i;
			});
		const all = Promise.all([0, 1, 2, 3, 4].map(work));
		const tick = () => new Promise((r) => setTimeout(r, 0));
		await tick();
		expect(started).toEqual([0, 1]);
		// The last to come is the last to start, however the running ones end.
		finish[1]!();
		await tick();
		finish[0]!();
		await tick();
		expect(started).toEqual([0, 1, 2, 3]);
		finish[3]!();
		await tick();
		finish[2]!();
		finish[4]!();
		expect(await all).toEqual([0, 1, 2, 3, 4]);
		expect(most).toBe(2);
	});

	it('frees its place when a work fails', async () => {
		const gate = fifoGate(1);
		await expect(gate(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
		expect(await gate(async () => 'next')).toBe('next');
	});
});
