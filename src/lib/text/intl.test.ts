import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from './intl.ts';

describe('cached Intl formatters', () => {
	const DATE = { dateStyle: 'medium', timeZone: 'Europe/Stockholm' } as const;

	it('reuses one formatter per locale and options', () => {
		expect(dateTimeFormat('sv', DATE)).toBe(dateTimeFormat('sv', DATE));
		// A fresh object with equal options shares it too.
		expect(dateTimeFormat('sv', { ...DATE })).toBe(dateTimeFormat('sv', DATE));
		expect(numberFormat('en', { maximumFractionDigits: 1 })).toBe(
			numberFormat('en', { maximumFractionDigits: 1 })
		);
	});

	it('keeps locales and options apart', () => {
		const when = new Date('2026-05-15T07:00:00Z');
		expect(dateTimeFormat('sv', DATE).format(when)).toBe('15 maj 2026');
		expect(dateTimeFormat('en', DATE).format(when)).toBe('May 15, 2026');
		const long = { dateStyle: 'long', timeZone: 'Europe/Stockholm' } as const;
		expect(dateTimeFormat('en', long).format(when)).toBe('May 15, 2026');
		expect(dateTimeFormat('en', long)).not.toBe(dateTimeFormat('en', DATE));
	});
});
