import { describe, expect, it } from 'vitest';
import {
	doiFromUrl,
	normalizeDoi,
	normalizeOrcid,
	normalizeUrl,
	orcidCheckCharacter
} from './identifiers.ts';

describe('normalizeDoi', () => {
	it('accepts the bare DOI, doi: prefixes and resolver links, and lower-cases', () => {
		for (const input of [
			'10.1021/acs.orglett.9b00971',
			'  10.1021/ACS.ORGLETT.9B00971 ',
			'doi:10.1021/acs.orglett.9b00971',
			'DOI: 10.1021/acs.orglett.9b00971',
			'https://doi.org/10.1021/acs.orglett.9b00971',
			'http://dx.doi.org/10.1021/acs.orglett.9b00971',
			'doi.org/10.1021/acs.orglett.9b00971'
		]) {
			expect(normalizeDoi(input), input).toBe('10.1021/acs.orglett.9b00971');
		}
	});

	it('keeps older DOIs outside Crossref’s recommended pattern and decodes resolver links', () => {
		const sici = '10.1002/(sici)1521-3773(19980302)37:4<489::aid-anie489>3.0.co;2-n';
		expect(normalizeDoi('10.1002/(SICI)1521-3773(19980302)37:4<489::AID-ANIE489>3.0.CO;2-N')).toBe(
			sici
		);
		expect(
			normalizeDoi(
				'https://doi.org/10.1002/%28SICI%291521-3773%2819980302%2937%3A4%3C489%3A%3AAID-ANIE489%3E3.0.CO%3B2-N'
			)
		).toBe(sici);
	});

	it('refuses what is not a DOI', () => {
		for (const input of [
			'',
			'11.1234/x',
			'10.12/x',
			'10.1234',
			'10.1234/',
			'10.1234/a b',
			'10.1234/{x}',
			'https://example.org/10.1234/x'
		]) {
			expect(normalizeDoi(input), input).toBeNull();
		}
		expect(normalizeDoi(`10.1234/${'x'.repeat(300)}`)).toBeNull();
		expect(normalizeDoi(null)).toBeNull();
	});

	it('finds the DOI in a doi.org link only', () => {
		expect(doiFromUrl('https://doi.org/10.5555/ABC')).toBe('10.5555/abc');
		expect(doiFromUrl('https://www.oru.se/10.5555/abc')).toBeNull();
	});
});

describe('normalizeOrcid', () => {
	it('accepts ORCID’s documented examples in bare and URL form', () => {
		// https://support.orcid.org/hc/en-us/articles/360006897674 (structure of the ORCID iD)
		expect(normalizeOrcid('0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
		expect(normalizeOrcid('https://orcid.org/0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
		expect(normalizeOrcid('http://orcid.org/0000-0001-5109-3700/')).toBe('0000-0001-5109-3700');
		expect(normalizeOrcid('0000-0002-1694-233x')).toBe('0000-0002-1694-233X');
		expect(normalizeOrcid('000000021825 0097'.replace(' ', ''))).toBe('0000-0002-1825-0097');
	});

	it('accepts the iDs in the saved Crossref and OpenAlex responses', () => {
		expect(normalizeOrcid('http://orcid.org/0000-0002-4149-0494')).toBe('0000-0002-4149-0494');
		expect(normalizeOrcid('https://orcid.org/0000-0002-8151-3726')).toBe('0000-0002-8151-3726');
	});

	it('refuses a wrong check character and wrong shapes', () => {
		expect(normalizeOrcid('0000-0002-1825-0098')).toBeNull();
		expect(normalizeOrcid('0000-0002-1694-2330')).toBeNull();
		expect(normalizeOrcid('0000-0002-1825-009')).toBeNull();
		expect(normalizeOrcid('0000-0002-1825-0097-1')).toBeNull();
		expect(normalizeOrcid('https://example.org/0000-0002-1825-0097')).toBeNull();
	});

	it('computes ISO 7064 MOD 11-2, including X for 10', () => {
		expect(orcidCheckCharacter('000000021825009')).toBe('7');
		expect(orcidCheckCharacter('000000021694233')).toBe('X');
	});
});

describe('normalizeUrl', () => {
	it('keeps http(s) links and completes www. links', () => {
		expect(normalizeUrl('https://www.oru.se/forskning')).toBe('https://www.oru.se/forskning');
		expect(normalizeUrl('www.kau.se/rapport')).toBe('https://www.kau.se/rapport');
		expect(normalizeUrl('<https://mdu.se>')).toBe('https://mdu.se/');
	});

	it('refuses other schemes, relative links and hosts without a domain', () => {
		for (const input of [
			'ftp://example.org/x',
			'javascript:alert(1)',
			'/forskning',
			'https://intranet/x',
			'https://'
		]) {
			expect(normalizeUrl(input), input).toBeNull();
		}
	});
});
