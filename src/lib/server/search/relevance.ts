// A small relevance set: research records in Swedish and English, with look-alikes that a loose
// search confuses (annonsera/announcement for "Anna", validity for "validering", rent for
// "recruitment", welfare for "welcome"), and queries with the records that should come first.
// Pure data and arithmetic (plain Node): the tests and the knowledge benchmark both use it.

export interface Paper {
	title: string;
	abstract: string;
	language: 'sv' | 'en';
}

export const papers: Paper[] = [
	{
		title: 'Rock slope stability: the validity of monitoring models',
		abstract: 'We test the **validity** of slope monitoring models in open-pit mines.',
		language: 'en'
	},
	{
		title: 'Validering av reell kompetens i vuxenutbildningen',
		abstract: 'Hur kommuner arbetar med validering av yrkeskunskaper hos nyanlända.',
		language: 'sv'
	},
	{
		title: 'Annonsera lediga tjänster: kommunernas platsannonser',
		abstract: 'Hur kommuner annonserar och når sökande i hela länet.',
		language: 'sv'
	},
	{
		title: 'Announcement effects in municipal hiring',
		abstract: 'Public job announcements and the recruitment of nurses to rural municipalities.',
		language: 'en'
	},
	{
		title: 'Anna i Avesta: en fallstudie av inflyttning',
		abstract: 'Berättelsen om Anna, som flyttade till Avesta med sin familj.',
		language: 'sv'
	},
	{
		title: 'Recruitment of teachers in rural Sweden',
		abstract: 'Recruitment and retention of teachers in small municipalities.',
		language: 'en'
	},
	{
		title: 'Rekrytering av undersköterskor till äldreomsorgen',
		abstract: 'Kommunernas rekrytering av undersköterskor under tio år.',
		language: 'sv'
	},
	{
		title: 'Welcoming newcomers: municipal welcome conversations',
		abstract: 'How a welcome conversation helps newcomers stay in a small town.',
		language: 'en'
	},
	{
		title: 'Välkomstsamtal med nyinflyttade',
		abstract: 'Kommunen välkomnar nya invånare med ett samtal.',
		language: 'sv'
	},
	{
		title: 'Welfare services in sparsely populated areas',
		abstract: 'Welfare and care services where people live far apart.',
		language: 'en'
	},
	{
		title: 'Rent levels and housing in mining towns',
		abstract: 'Rent, housing shortages and the price of a flat.',
		language: 'en'
	},
	{
		title: 'Kommunernas arbetsmarknad och pendling',
		abstract: 'Arbetsmarknaden i små kommuner och hur långt folk pendlar.',
		language: 'sv'
	},
	{
		title: 'Labour market commuting in former mining regions',
		abstract: 'Commuting patterns between small towns and regional centres.',
		language: 'en'
	},
	{
		title: 'Klimatanpassning av dagvattensystem',
		abstract: 'Klimatanpassning av dagvatten i tätorter med skyfall.',
		language: 'sv'
	},
	{
		title: 'Climate adaptation of stormwater systems',
		abstract: 'Stormwater systems and cloudbursts in towns.',
		language: 'en'
	},
	{
		title: 'Cykelvägar och hållbart resande',
		abstract: 'Hur cykelvägar ändrar resandet i mindre kommuner.',
		language: 'sv'
	}
];

const t = (i: number) => papers[i]!.title;

/** Queries and the records that should come first (all of them, and nothing else, in the top 5). */
export const judgements: { q: string; relevant: string[] }[] = [
	{ q: 'Anna', relevant: [t(4)] },
	{ q: 'validering', relevant: [t(1)] },
	{ q: 'validity', relevant: [t(0)] },
	{ q: 'recruitment', relevant: [t(3), t(5)] },
	{ q: 'rekrytering', relevant: [t(6)] },
	{ q: 'welcome', relevant: [t(7)] },
	{ q: 'välkomstsamtal', relevant: [t(8)] },
	{ q: 'announcement', relevant: [t(3)] },
	{ q: 'arbetsmarknaden', relevant: [t(11)] },
	{ q: 'commuting', relevant: [t(12)] },
	{ q: 'klimatanpassning', relevant: [t(13)] },
	{ q: 'stormwater', relevant: [t(14)] },
	{ q: 'cykelvägar', relevant: [t(15)] }
];

/**
 * Precision at 5: the share of the first (at most) five results that are relevant; a query with
 * no results scores 0. Noise (a look-alike among the results) is what lowers it.
 */
export function precisionAt5(results: string[], relevant: string[]): number {
	const top = results.slice(0, 5);
	if (top.length === 0) return 0;
	return top.filter((title) => relevant.includes(title)).length / top.length;
}

/** The mean precision at 5 over the set, and each query's own, from a search function. */
export async function evaluate(
	search: (q: string) => Promise<string[]>
): Promise<{ mean: number; each: { q: string; p: number; top: string[] }[] }> {
	const each = [];
	for (const { q, relevant } of judgements) {
		const top = (await search(q)).slice(0, 5);
		each.push({ q, p: precisionAt5(top, relevant), top });
	}
	return { mean: each.reduce((sum, e) => sum + e.p, 0) / each.length, each };
}
