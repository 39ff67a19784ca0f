import { describe, expect, it } from 'vitest';
import { formState, shownValues } from './form-state';

const initial = { title: 'Sparad rubrik', sdg: ['3', '11'], visibility: 'members' };

describe('shownValues', () => {
	it('shows the saved values when nothing was submitted', () => {
		const shown = shownValues(formState(null), initial);
		expect(shown.typed).toBe(false);
		expect(shown.field('title')).toEqual({
			name: 'title',
			value: 'Sparad rubrik',
			error: undefined
		});
		expect(shown.list('sdg')).toEqual(['3', '11']);
		expect(shown.value('missing')).toBe('');
	});

	it('keeps what the person typed, with its errors, after a refused submit', () => {
		const refused = {
			values: { title: 'ab', sdg: '7' },
			errors: { title: 'För kort rubrik' }
		};
		const shown = shownValues(formState(refused), initial);
		expect(shown.typed).toBe(true);
		expect(shown.field('title')).toEqual({ name: 'title', value: 'ab', error: 'För kort rubrik' });
		expect(shown.list('sdg')).toEqual(['7']);
		// Only what came back counts: a field that was not sent shows empty, not the saved value.
		expect(shown.value('visibility')).toBe('');
	});
});
