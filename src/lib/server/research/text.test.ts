import { describe, expect, it } from 'vitest';
import { decodeLatex, encodeLatex } from './formats/latex.ts';
import { citationKeys, displayName, foldText, invertedName, nameParts } from './names.ts';
import {
	cleanAbstract,
	joinKeywords,
	normalizeLanguage,
	parseYear,
	splitKeywords,
	stripMarkup
} from './text.ts';

describe('decodeLatex', () => {
	it.each([
		['{\\"O}rebro universitet', 'Örebro universitet'],
		['M{\\"a}lardalens universitet', 'Mälardalens universitet'],
		['V\\"{a}ster{\\aa}s', 'Västerås'],
		['{\\AA}sa Str{\\"o}m', 'Åsa Ström'],
		['Karlstads universitet \\& Region V\\"armland', 'Karlstads universitet & Region Värmland'],
		['\\emph{Kommunernas} 50\\% --- 2015--2022', 'Kommunernas 50% — 2015–2022'],
		[
			"S{\\o}ren, Du\\v{s}an, \\c{C}elik, Fran\\c cois, \\'{\\i}",
			'Søren, Dušan, Çelik, François, í'
		],
		['{\\aa}ngstr\\"om \\aa{}lder', 'ångström ålder'],
		['The {KITTI} \\textit{vision} suite~2', 'The KITTI vision suite 2'],
		['\\href{https://oru.se}{Örebro} a\\_b \\textasciitilde{}', 'Örebro a_b ~']
	])('%s → %s', (input, output) => {
		expect(decodeLatex(input)).toBe(output);
	});

	it('undoes encodeLatex for text with LaTeX specials, dashes and quotes', () => {
		const text = "a\\b {x} & 50% $5 #1 a_b ~ ^ 2010--2020 ``citat'' – Örebro";
		expect(encodeLatex(text)).not.toMatch(/(?<!\\)[&%$#_]/);
		expect(decodeLatex(encodeLatex(text))).toBe(text);
	});
});

describe('names', () => {
	it('turns inverted names into display names', () => {
		expect(displayName('Holm, Sara')).toBe('Sara Holm');
		expect(displayName('af Klint, Maria')).toBe('Maria af Klint');
		expect(displayName('Smith, III, Amos B.')).toBe('Amos B. Smith III');
		expect(displayName('Anna Lind')).toBe('Anna Lind');
	});

	it('splits display names with particles and suffixes', () => {
		expect(nameParts('Maria af Klint')).toEqual({ family: 'af Klint', given: 'Maria' });
		expect(nameParts('Lars-Göran Nyström')).toEqual({ family: 'Nyström', given: 'Lars-Göran' });
		expect(nameParts('Amos B. Smith III')).toEqual({ family: 'Smith III', given: 'Amos B.' });
		expect(nameParts('Platon')).toEqual({ family: 'Platon', given: '' });
	});

	it('keeps organizations whole', () => {
		expect(invertedName('Sara Holm')).toBe('Holm, Sara');
		expect(invertedName('Region Örebro län')).toBe('Region Örebro län');
		expect(invertedName('Trafikverket')).toBe('Trafikverket');
	});

	it('folds case, diacritics and punctuation', () => {
		expect(foldText('Kommunernas ARBETSMARKNAD – en studie!')).toBe(
			'kommunernas arbetsmarknad en studie'
		);
		expect(foldText('Åsa Øberg-Strøm')).toBe('asa oberg strom');
	});

	it('makes unique ASCII citation keys', () => {
		const entry = {
			authors: [{ name: 'Karin Åström' }],
			year: 2023,
			title: 'Små kommuner och skola'
		};
		expect(citationKeys([entry, entry, { ...entry, authors: [] }])).toEqual([
			'astrom2023kommuner',
			'astrom2023kommunera',
			'anon2023kommuner'
		]);
	});
});

describe('text rules', () => {
	it('parses years from the forms the formats use', () => {
		expect(parseYear('2021')).toEqual({ year: 2021 });
		expect(parseYear('2021///')).toEqual({ year: 2021 });
		expect(parseYear('May 2019')).toEqual({ year: 2019 });
		expect(parseYear(2012)).toEqual({ year: 2012 });
		expect(parseYear('')).toEqual({ year: null, bad: null });
		expect(parseYear('okänt')).toEqual({ year: null, bad: 'okänt' });
		expect(parseYear('1850')).toEqual({ year: null, bad: '1850' });
		expect(parseYear('20210')).toEqual({ year: null, bad: '20210' });
	});

	it('normalizes languages to ISO 639-1', () => {
		for (const input of ['sv', 'SV', 'sv-SE', 'swe', 'Swedish', 'svenska']) {
			expect(normalizeLanguage(input), input).toBe('sv');
		}
		expect(normalizeLanguage('en-GB')).toBe('en');
		expect(normalizeLanguage('ngerman')).toBe('de');
		expect(normalizeLanguage('klingon')).toBeNull();
	});

	it('splits keywords on semicolons first, then commas, and joins them back', () => {
		expect(splitKeywords('a, b ,, c')).toEqual(['a', 'b', 'c']);
		expect(splitKeywords('Sverige, landsbygd; bostäder')).toEqual([
			'Sverige, landsbygd',
			'bostäder'
		]);
		expect(splitKeywords(joinKeywords(['Sverige, landsbygd', 'bostäder']))).toEqual([
			'Sverige, landsbygd',
			'bostäder'
		]);
	});

	it('keeps paragraphs in abstracts and joins wrapped lines', () => {
		expect(cleanAbstract('Rad ett\n   fortsätter.\n\n  Nytt   stycke. ')).toBe(
			'Rad ett fortsätter.\n\nNytt stycke.'
		);
	});

	it('strips JATS and HTML from Crossref abstracts', () => {
		const jats =
			'<jats:title>Abstract</jats:title><jats:p>Kommuner &amp; regioner</jats:p><jats:p>Del <jats:italic>två</jats:italic> &#x2013; slut</jats:p>';
		expect(cleanAbstract(stripMarkup(jats))).toBe('Kommuner & regioner\n\nDel två – slut');
	});
});
