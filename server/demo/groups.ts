import type { TransactionSql } from 'postgres';

// Demo themes, groups, memberships, one experience and one discussion per group. Idempotent:
// rows are matched by slug or title and left alone when they exist.

const themes = [
	{
		slug: 'attraktivitet',
		name: 'Attraktivitet',
		start: 2018,
		end: 2019,
		goals: [8, 11],
		featured: false,
		description: 'Hur gör vi Bergslagen till en plats där människor vill bo, arbeta och besöka?'
	},
	{
		slug: 'social-hallbarhet',
		name: 'Social hållbarhet',
		start: 2020,
		end: 2021,
		goals: [3, 5, 10],
		featured: false,
		description: 'Jämlik hälsa, jämställdhet och inkludering i små och medelstora kommuner.'
	},
	{
		slug: 'bergslagens-industri',
		name: 'Bergslagens industri',
		start: 2021,
		end: 2023,
		goals: [8, 9, 12],
		featured: false,
		description: 'Industrins omställning och vad den betyder för kommunernas planering och service.'
	},
	{
		slug: 'kompetensforsorjning',
		name: 'Kompetensförsörjning',
		start: 2025,
		end: 2027,
		goals: [4, 8],
		featured: true,
		description: 'Att klara kompetensbehoven i kommuner och näringsliv när befolkningen åldras.'
	}
];

const groups = [
	{
		slug: 'attraktivitet',
		name: 'Attraktivitet',
		theme: 'attraktivitet',
		visibility: 'open',
		goals: [8, 11],
		description:
			'Erfa-gruppen för dig som arbetar med **platsvarumärke**, inflyttning och livsmiljö.\n\nVi träffas digitalt varannan månad och fysiskt en gång per termin.',
		members: [
			['anna.lind@avesta.test', 'coordinator'],
			['erik.berg@ludvika.test', 'member']
		]
	},
	{
		slug: 'kompetensforsorjning',
		name: 'Kompetensförsörjning',
		theme: 'kompetensforsorjning',
		visibility: 'closed',
		goals: [4, 8],
		description:
			'En sluten grupp för HR- och utbildningsansvariga som delar arbetsmaterial om rekrytering och kompetensutveckling.',
		members: [
			['admin@erfa.test', 'coordinator'],
			['anna.lind@avesta.test', 'member']
		]
	}
] as const;

const experiences = [
	{
		group: 'attraktivitet',
		author: 'anna.lind@avesta.test',
		title: 'Välkomstpaket för nyinflyttade i Avesta',
		summary: 'Ett personligt välkomnande gav fler kvarboende efter första året.',
		background: 'Många som flyttade till kommunen för arbete flyttade igen inom två år.',
		actions:
			'Vi tog fram ett välkomstpaket med lokala erbjudanden och en kontaktperson i kommunen.',
		results: 'Av de 140 hushåll som fick paketet bodde 85 procent kvar efter ett år.',
		lessons: 'Den personliga kontakten betydde mer än rabatterna.',
		goals: [8, 11]
	},
	{
		group: 'kompetensforsorjning',
		author: 'anna.lind@avesta.test',
		title: 'Gemensam rekryteringsmässa med grannkommunerna',
		summary: 'Tre kommuner delade monter och kostnader på en regional mässa.',
		background: 'Varje kommun hade för små resurser för att synas ensam.',
		actions: 'Vi samordnade budskap, bemanning och uppföljning av kontakter.',
		results: 'Fler kvalificerade sökande till socialtjänst och skola.',
		lessons: 'Bestäm tidigt hur kontakterna ska fördelas mellan kommunerna.',
		goals: [4, 8]
	}
] as const;

const threads = [
	{
		group: 'attraktivitet',
		author: 'erik.berg@ludvika.test',
		title: 'Hur mäter ni attraktivitet?',
		body: 'Vi funderar på vilka indikatorer som fungerar. Använder någon SCB:s medborgarundersökning?',
		reply: {
			author: 'anna.lind@avesta.test',
			body: 'Vi använder medborgarundersökningen och egna enkäter till nyinflyttade.'
		}
	},
	{
		group: 'kompetensforsorjning',
		author: 'admin@erfa.test',
		title: 'Erfarenheter av validering',
		body: 'Vilka har arbetat med validering av utländsk kompetens inom vård och omsorg?',
		reply: {
			author: 'anna.lind@avesta.test',
			body: 'Vi har ett samarbete med komvux som vi gärna berättar om.'
		}
	}
] as const;

export async function seedDemoGroups(
	sql: TransactionSql,
	userIds: Map<string, string>
): Promise<void> {
	const user = (email: string) => userIds.get(email)!;
	for (const t of themes) {
		await sql`insert into public.themes (slug, name, description, start_year, end_year, sdg_goals, featured)
			values (${t.slug}, ${t.name}, ${t.description}, ${t.start}, ${t.end}, ${t.goals}, ${t.featured})
			on conflict (slug) do nothing`;
	}
	for (const g of groups) {
		const [row] =
			await sql`insert into public.groups (slug, name, description, theme_id, sdg_goals, visibility, status, proposed_by)
			values (${g.slug}, ${g.name}, ${g.description}, (select id from public.themes where slug = ${g.theme}),
				${g.goals}, ${g.visibility}, 'active', ${user(g.members[0][0])})
			on conflict (slug) do update set slug = excluded.slug returning id`;
		for (const [email, role] of g.members) {
			await sql`insert into public.group_members (group_id, user_id, role) values (${row!.id}, ${user(email)}, ${role})
				on conflict do nothing`;
		}
	}
	for (const e of experiences) {
		await sql`insert into public.experiences (group_id, author_id, organization_id, title, summary, background,
				actions, results, lessons, sdg_goals, status, period_start, period_end)
			select g.id, ${user(e.author)}, p.organization_id, ${e.title}, ${e.summary}, ${e.background},
				${e.actions}, ${e.results}, ${e.lessons}, ${e.goals}, 'published', '2024-01-01', '2025-06-30'
			from public.groups g, public.profiles p
			where g.slug = ${e.group} and p.id = ${user(e.author)}
				and not exists (select 1 from public.experiences x where x.group_id = g.id and x.title = ${e.title})`;
	}
	for (const t of threads) {
		const [thread] = await sql`insert into public.threads (group_id, author_id, title, body)
			select g.id, ${user(t.author)}, ${t.title}, ${t.body} from public.groups g
			where g.slug = ${t.group}
				and not exists (select 1 from public.threads x where x.group_id = g.id and x.title = ${t.title})
			returning id`;
		if (thread) {
			await sql`insert into public.replies (thread_id, author_id, body)
				values (${thread.id}, ${user(t.reply.author)}, ${t.reply.body})`;
		}
	}
}
