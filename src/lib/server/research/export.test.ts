import { describe, expect, it } from 'vitest';
import type { Research, SdgLink } from '../../research/types.ts';
import { toEntry } from './export.ts';
import { formatEntry } from './formats/formats.ts';

const link = (goal: number, status: SdgLink['status'], target: string | null = null): SdgLink => ({
	id: `${goal}-${target}-${status}`,
	goal,
	target,
	source: status === 'suggested' ? 'openalex' : 'manual',
	confidence: null,
	status,
	note: '',
	decidedBy: null
});

const record: Research = {
	id: '00000000-0000-4000-8000-000000000001',
	title: 'Arbetsmarknad och attraktivitet i bruksorter',
	year: 2025,
	type: 'report',
	language: 'sv',
	goals: [8, 11],
	targets: ['11.3'],
	visibility: 'public',
	linkCount: 0,
	institution: { id: 'x', slug: 'orebro-universitet', name: 'Örebro universitet' },
	authors: ['Sara Holm'],
	createdAt: '2026-01-01T00:00:00Z',
	abstract: '',
	keywords: ['attraktivitet', 'sdg 8'],
	doi: null,
	url: null,
	openAccessUrl: null,
	authorList: [{ name: 'Sara Holm', orcid: null }],
	sdg: [
		link(8, 'confirmed'),
		link(11, 'confirmed', '11.3'),
		link(12, 'suggested'),
		link(3, 'rejected')
	],
	createdBy: null,
	updatedAt: '2026-01-01T00:00:00Z'
};

describe('exports', () => {
	const entry = toEntry(record);

	it('carry confirmed goals as keywords, once, and no suggested or rejected ones', () => {
		expect(entry.keywords).toEqual(['attraktivitet', 'sdg 8', 'SDG 11']);
	});

	it('in BibTeX keywords, RIS KW and CSL keyword', () => {
		expect(formatEntry(entry, 'bibtex')).toContain('keywords = {attraktivitet, sdg 8, SDG 11}');
		const ris = formatEntry(entry, 'ris');
		expect(ris).toContain('KW  - SDG 11');
		expect(ris).not.toContain('SDG 12');
		expect(JSON.parse(formatEntry(entry, 'csl-json'))[0].keyword).toContain('SDG 11');
	});
});
