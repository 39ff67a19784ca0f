import { afterEach, describe, expect, it } from 'vitest';
import { number, plural } from '$lib/paraglide/registry.js';
import { m } from '$lib/paraglide/messages.js';

// Paraglide's registry as the build serves it (scripts/paraglide-intl-cache.ts): each plural
// rule and number format is built once per locale and options, and the answers are unchanged.

const Real = Intl.PluralRules;
const useRules = (rules: typeof Real) =>
	Object.defineProperty(Intl, 'PluralRules', { value: rules, configurable: true, writable: true });
afterEach(() => useRules(Real));

describe('Paraglide’s formatters', () => {
	it('are built once per locale and options, not per message', () => {
		let built = 0;
		useRules(
			class Counting extends Real {
				constructor(...args: ConstructorParameters<typeof Real>) {
					super(...args);
					built++;
				}
			} as typeof Real
		);
		expect(plural('sv', 1)).toBe('one');
		expect(plural('sv', 2)).toBe('other');
		expect(plural('en', 1, { type: 'ordinal' })).toBe('one');
		expect(plural('en', 2, { type: 'ordinal' })).toBe('two');
		expect(plural('sv', 5)).toBe('other');
		expect(plural('en', 3, { type: 'ordinal' })).toBe('few');
		expect(built).toBe(2);
		expect(number('sv', 1234.5)).toBe(new Intl.NumberFormat('sv').format(1234.5));
	});

	it('give the messages their plural forms in both languages', () => {
		const en = { locale: 'en' as const };
		const sv = { locale: 'sv' as const };
		expect(m.notifications_unread_count({ count: 1 }, en)).toBe('1 unread notification.');
		expect(m.notifications_unread_count({ count: 3 }, en)).toBe('3 unread notifications.');
		expect(m.notifications_nav_unread({ count: 1 }, sv)).toBe('Notiser, 1 oläst');
		expect(m.notifications_nav_unread({ count: 2 }, sv)).toBe('Notiser, 2 olästa');
	});
});
