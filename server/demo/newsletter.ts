import type { TransactionSql } from 'postgres';

// Demo data for the newsletter and Bergslagsakademin: one sent issue in the archive, a few
// subscribers (Anna from her profile, two by e-mail), this year's theme with its decision and
// this year's participants with their contributions. Filipstad is left out on purpose, so
// that Olle Ek (Filipstad) can show an application. Idempotent by subject, year and keys.

export const DEMO_ISSUE_SUBJECT = 'Nyhetsbrev våren 2026: kompetens, klimat och årskonferensen';

const intro = `<p>Hej alla i Bergslagen!</p><p>Våren har varit full av <strong>erfarenhetsutbyte</strong>: nya verktyg i biblioteket, forskning om kompetensförsörjning och en välbesökt konferens. Här är ett urval.</p>`;
const introEn = `<p>Hello everyone in Bergslagen!</p><p>Spring has been full of <strong>shared experience</strong>: new tools in the library, research on skills supply and a well-attended conference. Here is a selection.</p>`;

const items = [
	{
		kind: 'document',
		title: 'Bibliotekets nya verktyg och modeller',
		summary: 'Mallar och processbeskrivningar som kommunerna har tagit fram tillsammans.',
		url: '/library'
	},
	{
		kind: 'research',
		title: 'Ny forskning om Agenda 2030 i Bergslagen',
		summary: 'Studier om kompetensförsörjning och attraktivitet, ordnade efter de globala målen.',
		url: '/research'
	},
	{
		kind: 'event',
		title: 'Bergslagen 2030 – årskonferens',
		summary: 'Nätverkets årliga konferens i Ludvika. Anmälan är öppen.',
		url: '/events'
	}
];

const representatives = [
	'Karin Lundqvist',
	'Johan Persson',
	'Eva Sandberg',
	'Mats Holmgren',
	'Lena Åberg',
	'Peter Wikström',
	'Annika Falk',
	'Tomas Berglund',
	'Maria Öberg'
];

const participantSlugs = [
	'avesta',
	'borlange',
	'hedemora',
	'ludvika',
	'lindesberg',
	'nora',
	'fagersta',
	'norberg',
	'storfors'
];

async function seedIssue(tx: TransactionSql, adminId: string | undefined) {
	const [existing] =
		await tx`select id from public.newsletter_issues where subject_sv = ${DEMO_ISSUE_SUBJECT}`;
	if (existing) return;
	await tx`insert into public.newsletter_issues
		(subject_sv, subject_en, intro_sv, intro_en, items, status, created_by, sent_at, send_started_at)
		values (${DEMO_ISSUE_SUBJECT}, 'Newsletter spring 2026: skills, climate and the annual conference',
			${intro}, ${introEn}, ${tx.json(items)}, 'sent', ${adminId ?? null},
			'2026-06-12T08:00:00Z', '2026-06-12T08:00:00Z')`;
}

async function seedSubscribers(tx: TransactionSql, annaId: string | undefined) {
	for (const email of ['lars.nilsson@example.test', 'karin.ek@example.test']) {
		await tx`insert into public.newsletter_subscribers (email, locale, confirmed_at)
			values (${email}, 'sv', now()) on conflict (email) do nothing`;
	}
	if (!annaId) return;
	await tx`insert into public.newsletter_subscribers (email, user_id, locale, confirmed_at)
		select email, user_id, locale, now() from public.accounts where user_id = ${annaId}
		on conflict do nothing`;
}

async function seedLastYear(tx: TransactionSql, year: number) {
	await tx`insert into public.academy_themes
		(year, title_sv, title_en, description_sv, description_en, decided_on, decided_by)
		values (${year}, 'Attraktiva orter för unga vuxna', 'Attractive towns for young adults', '', '',
			${`${year - 1}-11-15`}, 'Arbetsgruppen för Bergslagsakademin')
		on conflict (year) do nothing`;
	await tx`insert into public.academy_participants (year, organization_id)
		select ${year}, id from public.organizations where slug = any(${participantSlugs.slice(0, 6)})
		on conflict (year, organization_id) do nothing`;
}

async function seedAcademy(tx: TransactionSql, year: number) {
	await tx`insert into public.academy_themes
		(year, title_sv, title_en, description_sv, description_en, decided_on, decided_by)
		values (${year}, 'Kompetensförsörjning i en föränderlig arbetsmarknad',
			'Skills supply in a changing labour market',
			'Hur kommunerna i Bergslagen tillsammans med högskolorna och näringslivet kan locka, utbilda och behålla kompetens.',
			'How the municipalities of Bergslagen, with the universities and business, can attract, train and keep skills.',
			${`${year - 1}-11-20`}, 'Arbetsgruppen för Bergslagsakademin')
		on conflict (year) do nothing`;
	const rows = await tx`insert into public.academy_participants (year, organization_id)
		select ${year}, id from public.organizations where slug = any(${participantSlugs})
		on conflict (year, organization_id) do nothing returning id, organization_id`;
	for (const [i, row] of rows.entries()) {
		await tx`insert into public.academy_contributions
			(participant_id, representative_name, amount_sek, settled_at)
			values (${row.id}, ${representatives[i % representatives.length]!}, 10000, ${i % 3 === 0 ? null : new Date()})
			on conflict do nothing`;
	}
}

export async function seedDemoNewsletter(tx: TransactionSql, ids: Map<string, string>) {
	await seedIssue(tx, ids.get('admin@erfa.test'));
	await seedSubscribers(tx, ids.get('anna.lind@avesta.test'));
	await seedAcademy(tx, new Date().getFullYear());
	await seedLastYear(tx, new Date().getFullYear() - 1);
}
