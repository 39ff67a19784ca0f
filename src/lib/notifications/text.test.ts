import { describe, expect, it } from 'vitest';
import { byline, headline } from './text';

describe('notification text in the reader’s language', () => {
	const request = {
		kind: 'join_request' as const,
		title: 'Olle Ek vill gå med i Kompetensförsörjning',
		params: { name: 'Olle Ek', group: 'Kompetensförsörjning' },
		actorName: 'Olle Ek'
	};

	it('renders a stored notice in English or Swedish from its parameters', () => {
		expect(headline(request, 'en')).toBe('Olle Ek wants to join Kompetensförsörjning');
		expect(headline(request, 'sv')).toBe('Olle Ek vill gå med i Kompetensförsörjning');
		const hidden = {
			kind: 'content_hidden' as const,
			title: 'x',
			params: { title: 'Mitt inlägg', reason: 'Personuppgifter' },
			actorName: null
		};
		expect(headline(hidden, 'en')).toBe(
			'Your post “Mitt inlägg” was hidden by a moderator: Personuppgifter'
		);
	});

	it('keeps the stored title for rows without parameters, and for content titles', () => {
		expect(headline({ ...request, params: {} }, 'en')).toBe(request.title);
		const mention = {
			kind: 'mention' as const,
			title: 'Schemat',
			params: null,
			actorName: 'Anna Lind'
		};
		expect(headline(mention, 'en')).toBe('Schemat');
		expect(byline(mention, 'en')).toBe('Anna Lind mentioned you');
		expect(byline(mention, 'sv')).toBe('Anna Lind nämnde dig');
		expect(byline(request, 'en')).toBeNull();
	});
});
