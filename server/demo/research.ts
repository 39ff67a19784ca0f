import type { TransactionSql } from 'postgres';

// Demo research by Sara Holm (Örebro universitet), linked to SDG 8 and 11, one of them linked to
// the group `attraktivitet`. Idempotent: records are matched by DOI and left alone when present.

const records = [
	{
		doi: '10.99999/erfa-demo.2025.001',
		title: 'Att stanna eller flytta: unga vuxnas val i Bergslagens små kommuner',
		abstract:
			'Studien följer 40 unga vuxna i fyra bergslagskommuner under tre år. Arbetsmarknaden, bostäder och möjligheten att pendla avgör mer än fritidsutbudet om de stannar. Kommuner som erbjöd kontakt med lokala arbetsgivare redan under gymnasiet behöll fler unga.',
		year: 2025,
		type: 'article',
		keywords: ['unga vuxna', 'flyttmönster', 'arbetsmarknad', 'små kommuner'],
		goals: [8, 11],
		targets: ['8.6', '11.1'],
		linkedTo: 'attraktivitet'
	},
	{
		doi: '10.99999/erfa-demo.2024.014',
		title: 'Platsvarumärken och inflyttning: en jämförelse av sju kommuner',
		abstract:
			'Rapporten jämför hur sju kommuner i Bergslagen arbetat med platsvarumärken och välkomstinsatser för nyinflyttade, och vilka effekter som går att se på inflyttning och sysselsättning.',
		year: 2024,
		type: 'report',
		keywords: ['platsvarumärke', 'inflyttning', 'attraktivitet'],
		goals: [11],
		targets: ['11.a'],
		linkedTo: null
	},
	{
		doi: '10.99999/erfa-demo.2023.007',
		title: 'Kompetensförsörjning i industrikommuner: samverkan mellan skola och arbetsliv',
		abstract:
			'Fallstudier av samverkan mellan yrkesutbildning, arbetsförmedling och industriföretag i tre kommuner. Gemensam rekrytering och praktik ökade andelen elever som fick arbete i hemkommunen.',
		year: 2023,
		type: 'article',
		keywords: ['kompetensförsörjning', 'yrkesutbildning', 'industri'],
		goals: [4, 8],
		targets: ['4.4', '8.5'],
		linkedTo: null
	}
] as const;

export async function seedDemoResearch(
	sql: TransactionSql,
	userIds: Map<string, string>
): Promise<void> {
	const sara = userIds.get('sara.holm@oru.test')!;
	const anna = userIds.get('anna.lind@avesta.test')!;
	for (const r of records) {
		const [created] = await sql`
			insert into public.research (title, abstract, year, type, language, doi, keywords, institution_id, created_by)
			select ${r.title}, ${r.abstract}, ${r.year}, ${r.type}, 'sv', ${r.doi}, ${[...r.keywords]},
				o.id, ${sara}
			from public.organizations o where o.slug = 'orebro-universitet'
			on conflict (doi) where doi is not null do nothing returning id`;
		if (!created) continue;
		await sql`insert into public.research_authors (research_id, position, name, orcid)
			values (${created.id}, 0, 'Sara Holm', null), (${created.id}, 1, 'Johan Berglund', null)`;
		for (const goal of r.goals) {
			await sql`insert into public.research_sdg (research_id, goal, source, status, decided_by, decided_at)
				values (${created.id}, ${goal}, 'manual', 'confirmed', ${sara}, now())`;
		}
		for (const target of r.targets) {
			await sql`insert into public.research_sdg (research_id, goal, target, source, status, decided_by, decided_at)
				values (${created.id}, ${Number(target.split('.')[0])}, ${target}, 'manual', 'confirmed', ${sara}, now())`;
		}
		if (r.linkedTo) {
			await sql`insert into public.research_links (research_id, group_id, note, status, proposed_by, decided_by, decided_at)
				select ${created.id}, g.id, 'Bekräftar det vi sett i våra välkomstsamtal.', 'confirmed', ${anna}, ${sara}, now()
				from public.groups g where g.slug = ${r.linkedTo}`;
		}
	}
}
