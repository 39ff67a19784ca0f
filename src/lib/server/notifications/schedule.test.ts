import { describe, expect, it } from 'vitest';
import { duePeriod, lastDue } from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('digest schedule (07:00 Swedish time)', () => {
	it('puts the daily digest at 07:00 in winter (UTC+1) and summer (UTC+2)', () => {
		expect(lastDue('daily', at('2026-11-24T06:00:00Z')).toISOString()).toBe(
			'2026-11-24T06:00:00.000Z'
		);
		expect(lastDue('daily', at('2026-11-24T05:59:59Z')).toISOString()).toBe(
			'2026-11-23T06:00:00.000Z'
		);
		expect(lastDue('daily', at('2026-06-15T05:30:00Z')).toISOString()).toBe(
			'2026-06-15T05:00:00.000Z'
		);
		expect(lastDue('daily', at('2026-06-15T04:59:00Z')).toISOString()).toBe(
			'2026-06-14T05:00:00.000Z'
		);
	});

	it('puts the weekly digest on Monday at 07:00', () => {
		// 2026-11-23 is a Monday.
		expect(lastDue('weekly', at('2026-11-27T12:00:00Z')).toISOString()).toBe(
			'2026-11-23T06:00:00.000Z'
		);
		expect(lastDue('weekly', at('2026-11-23T05:00:00Z')).toISOString()).toBe(
			'2026-11-16T06:00:00.000Z'
		);
		// The Monday after summer time ends (2026-10-25) is back at UTC+1.
		expect(lastDue('weekly', at('2026-10-27T00:00:00Z')).toISOString()).toBe(
			'2026-10-26T06:00:00.000Z'
		);
	});

	it('catches up on a missed digest for a while, then leaves it to the next one', () => {
		expect(duePeriod('daily', at('2026-11-24T09:00:00Z'))?.toISOString()).toBe(
			'2026-11-24T06:00:00.000Z'
		);
		expect(duePeriod('daily', at('2026-11-24T20:00:00Z'))).toBeNull();
		expect(duePeriod('weekly', at('2026-11-23T20:00:00Z'))?.toISOString()).toBe(
			'2026-11-23T06:00:00.000Z'
		);
		expect(duePeriod('weekly', at('2026-11-25T06:00:00Z'))).toBeNull();
	});
});
