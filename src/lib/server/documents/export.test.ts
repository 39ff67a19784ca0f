import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as documents from './index.ts';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import { useTestDatabase, buildGroup, pngBytes, buildUser } from '../testing/world.ts';
import { exportDocument, filename } from './export.ts';
import * as images from './images.ts';
import { toState } from './import.ts';
import { fromMarkdown } from './markdown.ts';
import * as store from './store.ts';

const db = useTestDatabase({ rest: true });
let dataDir: string;
let anna: Db;
let document: { id: string; title: string };

const options = { lang: 'sv', origin: 'https://erfa.test' };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'erfa-export-'));
	process.env.DATA_DIR = dataDir;
	const user = await buildUser(db.sql, { name: 'Anna Lind' });
	anna = await forUser(db.rest, user.id);
	const group = await buildGroup(db.sql, { visibility: 'closed', members: [[user.id, 'member']] });
	const title = 'Plan: mottagning/introduktion "2026"';
	const created = await documents.create(anna, { id: user.id, organizationId: null }, group.id, {
		kind: 'tool',
		title,
		summary: '',
		sdgGoals: []
	});
	if (!created.ok) throw new Error('no document');
	const png = new File([pngBytes() as Uint8Array<ArrayBuffer>], 'karta.png');
	const stored = await images.store(anna, created.id, png, user.id);
	if (!stored.ok) throw new Error('no image');
	const src = images.imagePath(created.id, stored.image.id);
	const markdown = `## Bakgrund\n\nSe [planen](/groups/x).\n\n![Karta över kommunen](${src})`;
	await store.append(db.sql, created.id, toState(fromMarkdown(markdown)));
	document = { id: created.id, title };
});
afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true });
});

describe('exportDocument', () => {
	it('writes Markdown with the title on top', async () => {
		const out = await exportDocument(db.sql, anna, document, 'md', options);
		expect(out.contentType).toBe('text/markdown; charset=utf-8');
		expect(text(out.body)).toMatch(/^# Plan: mottagning\/introduktion "2026"\n\n## Bakgrund\n/);
	});

	it('writes a standalone HTML file whose links and images point to the site', async () => {
		const out = await exportDocument(db.sql, anna, document, 'html', options);
		const html = text(out.body);
		expect(out.contentType).toBe('text/html; charset=utf-8');
		expect(html).toContain('<html lang="sv">');
		expect(html).toContain('href="https://erfa.test/groups/x"');
		expect(html).toMatch(
			/<img src="https:\/\/erfa\.test\/docs\/[0-9a-f-]+\/images\/[0-9a-f-]+" alt="Karta över kommunen">/
		);
	});

	it('embeds the document images the reader may see in the Word file', async () => {
		const out = await exportDocument(db.sql, anna, document, 'docx', options);
		const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(out.body) });
		expect(value).toMatch(/<img alt="Karta över kommunen" src="data:image\/png;base64,/);
		expect(value).toContain('<a href="https://erfa.test/groups/x">planen</a>');
	});

	it('writes a self-contained HTML file with the images inlined', async () => {
		const out = await exportDocument(db.sql, anna, document, 'html-inline', options);
		const html = text(out.body);
		expect(out.filename).toBe('Plan mottagning introduktion 2026.html');
		expect(html).toMatch(
			/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="Karta över kommunen">/
		);
		expect(html).not.toContain('/images/');
	});

	it('zips Markdown with an images folder it points into', async () => {
		const out = await exportDocument(db.sql, anna, document, 'md-zip', options);
		expect(out.contentType).toBe('application/zip');
		expect(out.filename).toBe('Plan mottagning introduktion 2026.zip');
		const zip = await JSZip.loadAsync(out.body);
		const markdown = await zip.file('Plan mottagning introduktion 2026.md')!.async('string');
		expect(markdown).toContain('![Karta över kommunen](images/karta.png)');
		const png = await zip.file('images/karta.png')!.async('uint8array');
		expect(Buffer.from(png)).toEqual(Buffer.from(pngBytes()));
	});

	it('writes the alt text instead when the reader may not see the image', async () => {
		const out = await exportDocument(db.sql, anonymous(db.rest), document, 'docx', options);
		const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(out.body) });
		expect(value).not.toContain('<img');
		expect(value).toContain('Karta över kommunen');
	});
});

describe('filename', () => {
	it('keeps the title readable and drops what file systems refuse', () => {
		expect(filename('Plan: mottagning/introduktion "2026"', 'docx')).toBe(
			'Plan mottagning introduktion 2026.docx'
		);
		expect(filename('Årsplan för Säter', 'md')).toBe('Årsplan för Säter.md');
		expect(filename('...', 'html')).toBe('dokument.html');
	});
});
