import type { SaveInput } from '../research/research.ts';

// A valid research record to save, with overrides.

let counter = 0;

export function buildResearch(overrides: Partial<SaveInput> = {}): SaveInput {
	counter++;
	return {
		title: `Kommunernas arbetsmarknad ${counter}`,
		authors: [
			{ name: 'Sara Holm', orcid: '0000-0002-1825-0097' },
			{ name: 'Per Ek', orcid: null }
		],
		year: 2025,
		type: 'article',
		abstract: 'En studie av arbetsmarknaden i Bergslagens kommuner.',
		keywords: ['arbetsmarknad', 'kommuner'],
		language: 'sv',
		doi: `10.1234/erfa.${Date.now().toString(36)}.${counter}`,
		url: null,
		openAccessUrl: null,
		institution: null,
		institutionId: null,
		visibility: 'public',
		goals: [8],
		targets: [],
		...overrides
	};
}
