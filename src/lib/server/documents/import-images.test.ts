import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forUser } from '$lib/server/platform';
import { buildGroup, buildUser, pngBytes, useTestDatabase } from '../testing/world.ts';
import { toJSON } from './content.ts';
import type { PmNode } from './convert.ts';
import * as documents from './index.ts';
import { fromFile, initialize } from './import.ts';
import * as images from './images.ts';
import * as store from './store.ts';

// Word files keep their pictures: stored as the new document's images, with their alt text.

const db = useTestDatabase({ rest: true });
let dataDir: string;

beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'erfa-import-'));
	process.env.DATA_DIR = dataDir;
});
afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true });
});

const picture = (alt: string) =>
	new ImageRun({
		type: 'png',
		data: pngBytes(),
		transformation: { width: 10, height: 10 },
		altText: { name: alt, description: alt, title: alt }
	});

async function wordFile(children: (Paragraph | Table)[]): Promise<File> {
	const bytes = await Packer.toBuffer(new Document({ sections: [{ children }] }));
	return new File([new Uint8Array(bytes)], 'bilder.docx');
}

const find = (node: PmNode, type: string): PmNode[] => [
	...(node.type === type ? [node] : []),
	...(node.content ?? []).flatMap((child) => find(child, type))
];

describe('importing a Word file with images', () => {
	it('keeps an image inside a paragraph as an image, with its alt text, not as text', async () => {
		const file = await wordFile([
			new Paragraph({ children: [picture('Karta över Avesta')] }),
			new Paragraph('Text efter bilden.')
		]);
		const read = await fromFile(file);
		if (!read.ok) throw new Error(read.reason);
		const [image] = find(read.content, 'image');
		expect(image?.attrs).toMatchObject({ alt: 'Karta över Avesta' });
		expect(JSON.stringify(find(read.content, 'text'))).not.toContain('Karta över Avesta');
		expect(read.images).toHaveLength(1);
	});

	it('accepts a file that holds only an image', async () => {
		const read = await fromFile(await wordFile([new Paragraph({ children: [picture('Logga')] })]));
		expect(read).toMatchObject({ ok: true });
	});

	it('keeps the header row of a table marked as one', async () => {
		const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
		const file = await wordFile([
			new Table({
				rows: [
					new TableRow({ tableHeader: true, children: [cell('Vem'), cell('Vad')] }),
					new TableRow({ children: [cell('Anna'), cell('Samordnar')] })
				]
			})
		]);
		const read = await fromFile(file);
		if (!read.ok) throw new Error(read.reason);
		const [head, body] = find(read.content, 'tableRow');
		expect(head?.content?.map((c) => c.type)).toEqual(['tableHeader', 'tableHeader']);
		expect(body?.content?.map((c) => c.type)).toEqual(['tableCell', 'tableCell']);
	});

	it('stores the images as the new document images when it is created', async () => {
		const user = await buildUser(db.sql);
		const anna = await forUser(db.rest, user.id);
		const group = await buildGroup(db.sql, { members: [[user.id, 'member']] });
		const read = await fromFile(
			await wordFile([new Paragraph({ children: [picture('Karta över Avesta')] })])
		);
		if (!read.ok) throw new Error(read.reason);
		const created = await documents.create(anna, { id: user.id, organizationId: null }, group.id, {
			kind: 'tool',
			title: 'Med bild',
			summary: '',
			sdgGoals: []
		});
		if (!created.ok) throw new Error('not created');
		await initialize(db.sql, anna, created.id, read, user.id);
		const doc = toJSON(store.toDoc((await store.load(db.sql, created.id)).state));
		const [image] = find(doc, 'image');
		const src = String(image?.attrs?.src);
		expect(src).toMatch(new RegExp(`^/docs/${created.id}/images/[0-9a-f-]{36}$`));
		expect(image?.attrs?.alt).toBe('Karta över Avesta');
		const opened = await images.open(anna, created.id, src.split('/').at(-1)!);
		expect(opened?.image.mediaType).toBe('image/png');
		opened?.stream.destroy();
	});
});
