import type { TransactionSql } from 'postgres';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import * as Y from 'yjs';
import { FRAGMENT } from '../../src/lib/collab/protocol.ts';
import { documentSchema } from '../../src/lib/documents/schema.ts';
import { plainText, type PmNode } from '../../src/lib/server/documents/content.ts';

// One co-edited document per demo group, with fixed ids so guides and tests can link to them.
// Idempotent: an existing document (and whatever people wrote in it since) is left alone.

export const demoDocumentIds = {
	attraktivitet: '0d0c0000-0000-4000-8000-000000000001',
	kompetensforsorjning: '0d0c0000-0000-4000-8000-000000000002'
} as const;

const text = (value: string): PmNode => ({ type: 'text', text: value });
const paragraph = (value: string): PmNode => ({ type: 'paragraph', content: [text(value)] });
const heading = (level: number, value: string): PmNode => ({
	type: 'heading',
	attrs: { level },
	content: [text(value)]
});
const bullets = (items: string[]): PmNode => ({
	type: 'bulletList',
	content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] }))
});
const tasks = (items: [string, boolean][]): PmNode => ({
	type: 'taskList',
	content: items.map(([item, checked]) => ({
		type: 'taskItem',
		attrs: { checked },
		content: [paragraph(item)]
	}))
});

const documents: {
	id: string;
	group: string;
	kind: string;
	title: string;
	summary: string;
	goals: number[];
	status: 'draft' | 'published';
	isPublic: boolean;
	authors: string[];
	content: PmNode[];
}[] = [
	{
		id: demoDocumentIds.attraktivitet,
		group: 'attraktivitet',
		kind: 'model',
		title: 'Modell för välkomstsamtal med nyinflyttade',
		summary: 'Hur kommunen tar emot nya invånare under deras första år, steg för steg.',
		goals: [8, 11],
		status: 'published',
		isPublic: true,
		authors: ['anna.lind@avesta.test', 'erik.berg@ludvika.test'],
		content: [
			heading(1, 'Modell för välkomstsamtal'),
			paragraph(
				'Modellen bygger på Avestas och Ludvikas erfarenheter av att ringa upp alla som flyttat till kommunen under året.'
			),
			heading(2, 'Steg'),
			bullets([
				'Hämta listan över nyinflyttade från folkbokföringen varje månad.',
				'Ring inom sex veckor; erbjud ett samtal om jobb, förskola och föreningsliv.',
				'Följ upp efter ett år med en kort enkät.'
			]),
			{
				type: 'callout',
				attrs: { tone: 'tip' },
				content: [paragraph('Låt en person från näringslivet och en från fritid dela på samtalen.')]
			},
			heading(2, 'Checklista före start'),
			tasks([
				['Beslut om personuppgiftsbehandling', true],
				['Samtalsmanus på svenska och engelska', true],
				['Rutin för att förmedla jobbkontakter', false]
			])
		]
	},
	{
		id: demoDocumentIds.kompetensforsorjning,
		group: 'kompetensforsorjning',
		kind: 'process',
		title: 'Process för gemensam rekrytering av bristyrken',
		summary: 'Utkast: hur flera kommuner kan annonsera och rekrytera tillsammans.',
		goals: [4, 8],
		status: 'draft',
		isPublic: false,
		authors: ['admin@erfa.test', 'anna.lind@avesta.test'],
		content: [
			heading(1, 'Gemensam rekrytering'),
			paragraph('Utkast från gruppens möte i oktober. Fyll på med era kommuners erfarenheter.'),
			bullets(['Vilka yrken saknas i flera kommuner samtidigt?', 'Vem äger annonsen?'])
		]
	}
];

function initialState(content: readonly PmNode[]): { state: Uint8Array; text: string } {
	const json = { type: 'doc', content: [...content] };
	const doc = prosemirrorJSONToYDoc(documentSchema(), json, FRAGMENT);
	return { state: Y.encodeStateAsUpdate(doc), text: plainText(json) };
}

export async function seedDemoDocuments(
	sql: TransactionSql,
	userIds: Map<string, string>
): Promise<void> {
	for (const d of documents) {
		const author = userIds.get(d.authors[0]!)!;
		const [created] = await sql`
			insert into public.documents (id, group_id, kind, title, summary, sdg_goals, status, is_public,
				created_by, organization_id, published_at)
			select ${d.id}, g.id, ${d.kind}, ${d.title}, ${d.summary}, ${d.goals}, ${d.status}, ${d.isPublic},
				p.id, p.organization_id, ${d.status === 'published' ? new Date() : null}
			from public.groups g, public.profiles p where g.slug = ${d.group} and p.id = ${author}
			on conflict (id) do nothing returning id`;
		if (!created) continue;
		const { state, text: plain } = initialState(d.content);
		await sql`insert into erfa_private.document_states (document_id, state) values (${d.id}, ${state})`;
		await sql`update public.documents set content_text = ${plain}, size_bytes = ${state.byteLength}
			where id = ${d.id}`;
		for (const email of d.authors) {
			await sql`insert into public.document_contributors (document_id, user_id)
				values (${d.id}, ${userIds.get(email)!}) on conflict do nothing`;
		}
	}
	// Ludvika has started using the published welcome model.
	await sql`insert into public.document_uses (document_id, organization_id, since, note, recorded_by)
		select ${demoDocumentIds.attraktivitet}, p.organization_id, '2025-09-01',
			'Vi ringer alla nyinflyttade sedan hösten 2025; hälften har tackat ja till ett samtal.', p.id
		from public.profiles p where p.id = ${userIds.get('erik.berg@ludvika.test')!}
		on conflict do nothing`;
}
