import { describe, expect, it } from 'vitest';
import { schema, toInput, toValues } from './form.ts';

const valid = {
	title: 'Bergslagen 2030',
	kind: 'conference',
	starts_at: '2026-05-15T09:00',
	ends_at: '2026-05-15T16:00',
	online_url: 'https://example.se/live',
	sdg: ['11', '8', '8']
};

describe('event form', () => {
	it('reads Swedish local times into instants and tidies the goals', () => {
		const parsed = schema.safeParse(valid);
		expect(parsed.success).toBe(true);
		const input = toInput(parsed.data!);
		expect(input.startsAt.toISOString()).toBe('2026-05-15T07:00:00.000Z');
		expect(input.endsAt.toISOString()).toBe('2026-05-15T14:00:00.000Z');
		expect(input.sdgGoals).toEqual([8, 11]);
		expect(input).toMatchObject({ groupId: null, organizationId: null, location: null });
	});

	it('refuses an end before the start, plain http links and impossible dates', () => {
		const errors = (values: Record<string, unknown>) => {
			const parsed = schema.safeParse({ ...valid, ...values });
			return parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0]));
		};
		expect(errors({ ends_at: '2026-05-15T08:00' })).toEqual(['ends_at']);
		expect(errors({ registration_url: 'http://example.se' })).toEqual(['registration_url']);
		expect(errors({ online_url: 'javascript:alert(1)' })).toEqual(['online_url']);
		expect(errors({ starts_at: '2026-02-30T10:00' })).toContain('starts_at');
		expect(errors({ title: 'ab' })).toEqual(['title']);
	});

	it('fills the edit form with the stored times in Swedish time', () => {
		const values = toValues({
			startsAt: '2026-01-20T17:30:00Z',
			endsAt: '2026-01-20T19:00:00Z',
			sdgGoals: [4],
			registration: {
				open: true,
				capacity: 40,
				capacityOnSite: null,
				capacityOnline: null,
				deadline: '2026-01-19T22:59:00Z'
			}
		} as never);
		expect(values).toMatchObject({
			starts_at: '2026-01-20T18:30',
			ends_at: '2026-01-20T20:00',
			sdg: ['4'],
			registration_open: 'on',
			capacity: '40',
			registration_deadline: '2026-01-19T23:59'
		});
	});

	it('refuses a deadline after the end, no places, and places for a mode not held', () => {
		const errors = (values: Record<string, unknown>) => {
			const parsed = schema.safeParse({ ...valid, ...values });
			return parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0]));
		};
		expect(errors({ registration_deadline: '2026-05-16T08:00' })).toEqual([
			'registration_deadline'
		]);
		expect(errors({ capacity: '0' })).toEqual(['capacity']);
		expect(errors({ capacity: '-5' })).toEqual(['capacity']);
		expect(errors({ capacity: '2.5' })).toEqual(['capacity']);
		expect(errors({ mode: 'on_site', capacity_online: '10' })).toEqual(['capacity_online']);
		expect(errors({ mode: 'hybrid', capacity: '100', capacity_online: '40' })).toEqual([]);
	});
});
