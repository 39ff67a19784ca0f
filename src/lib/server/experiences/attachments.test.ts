import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as attachments from './attachments.ts';
import { forUser, type Db } from '$lib/server/platform';
import * as experiences from './experiences.ts';
import {
	useTestDatabase,
	buildGroup,
	docxBytes,
	experienceInput as input,
	pdfBytes,
	pngBytes,
	buildUser
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let dataDir: string;
let anna: { id: string; db: Db }; // author
let erik: { id: string; db: Db }; // member, not the author
let olle: { id: string; db: Db }; // not a member of the closed group
let experienceId: string;
let otherId: string; // another of Anna's reports

beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'erfa-attachments-'));
	process.env.DATA_DIR = dataDir;
	const person = async (name: string) => {
		const user = await buildUser(db.sql, { name });
		return { id: user.id, db: await forUser(db.rest, user.id) };
	};
	anna = await person('Anna Lind');
	erik = await person('Erik Berg');
	olle = await person('Olle Ek');
	const group = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [
			[anna.id, 'member'],
			[erik.id, 'member']
		]
	});
	const created = await experiences.create(anna.db, anna.id, group.id, input(), { publish: true });
	if (!created.ok) throw new Error('no experience');
	experienceId = created.id;
	const other = await experiences.create(anna.db, anna.id, group.id, input({ title: 'En annan' }));
	if (!other.ok) throw new Error('no experience');
	otherId = other.id;
});
afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true });
});

const file = (bytes: Uint8Array, name: string, type = '') =>
	new File([bytes as Uint8Array<ArrayBuffer>], name, { type });

async function storedFiles(): Promise<string[]> {
	const root = join(dataDir, 'uploads');
	const dirs = await readdir(root).catch(() => [] as string[]);
	const out: string[] = [];
	for (const dir of dirs.filter((d) => d !== '.tmp')) out.push(...(await readdir(join(root, dir))));
	return out;
}

const rowCount = async () =>
	Number(
		(
			await db.sql`select count(*) as n from public.attachments where experience_id = ${experienceId}`
		)[0]!.n
	);

describe('type by content', () => {
	it.each([
		['rapport.pdf', pdfBytes(), 'application/pdf', 'rapport.pdf'],
		['bild.png', pngBytes(), 'image/png', 'bild.png'],
		[
			'Slutrapport.docx',
			docxBytes(),
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'Slutrapport.docx'
		],
		['skärmbild.pdf', pngBytes(), 'image/png', 'skärmbild.pdf.png']
	])('stores %s by its content', async (name, bytes, mediaType, shownAs) => {
		// The misnamed PNG goes to the other report: on this one it would be the same attachment.
		const target = name === 'skärmbild.pdf' ? otherId : experienceId;
		const result = await attachments.store(anna.db, target, file(bytes, name), anna.id);
		expect(result).toMatchObject({ ok: true, attachment: { mediaType, filename: shownAs } });
		if (!result.ok) return;
		const [row] = await db.sql`select media_type, size_bytes, sha256 from public.attachments
			where id = ${result.attachment.id}`;
		expect(row).toMatchObject({ media_type: mediaType, size_bytes: bytes.byteLength });
		const onDisk = await readFile(join(dataDir, 'uploads', row!.sha256.slice(0, 2), row!.sha256));
		expect(new Uint8Array(onDisk)).toEqual(bytes);
	});

	const sized = (size: number) => {
		const bytes = new Uint8Array(size);
		bytes.set(pdfBytes());
		return file(bytes, 'stor.pdf');
	};
	// Files are made inside each test, so the large ones do not live for the whole run.
	it.each([
		[
			'a text file named .pdf',
			() => file(new TextEncoder().encode('hello, not a pdf'), 'x.pdf', 'application/pdf'),
			'wrong_type'
		],
		[
			'a program named .pdf',
			() =>
				file(
					new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]),
					'faktura.pdf'
				),
			'wrong_type'
		],
		['an empty file', () => file(new Uint8Array(0), 'tom.pdf'), 'empty'],
		['25 MB + 1 byte', () => sized(attachments.MAX_BYTES + 1), 'too_large']
	])('refuses %s and stores nothing', async (_label, make, reason) => {
		const rowsBefore = await rowCount();
		const filesBefore = await storedFiles();
		const result = await attachments.store(anna.db, experienceId, make(), anna.id);
		expect(result).toMatchObject({ ok: false, reason });
		expect(await rowCount()).toBe(rowsBefore);
		expect(await storedFiles()).toEqual(filesBefore);
	});

	it('accepts exactly 25 MB', async () => {
		const result = await attachments.store(
			anna.db,
			experienceId,
			sized(attachments.MAX_BYTES),
			anna.id
		);
		expect(result).toMatchObject({ ok: true, attachment: { sizeBytes: attachments.MAX_BYTES } });
	});
});

describe('rights and cleanup', () => {
	it('removes the written file when the database refuses the row', async () => {
		const bytes = new TextEncoder().encode('%PDF-1.7\nonly erik tried this\n%%EOF');
		const before = await storedFiles();
		const result = await attachments.store(erik.db, experienceId, file(bytes, 'e.pdf'), erik.id);
		expect(result).toMatchObject({ ok: false, reason: 'not_allowed' });
		expect(await storedFiles()).toEqual(before);
	});

	it('keeps the file when another row still uses the same content', async () => {
		const bytes = pdfBytes(); // stored by Anna above
		const before = await storedFiles();
		const result = await attachments.store(erik.db, otherId, file(bytes, 'e.pdf'), erik.id);
		expect(result).toMatchObject({ ok: false, reason: 'not_allowed' });
		expect(await storedFiles()).toEqual(before);
	});

	it('stores the same content once per experience', async () => {
		const again = await attachments.store(
			anna.db,
			experienceId,
			file(pngBytes(), 'igen.png'),
			anna.id
		);
		expect(again).toMatchObject({ ok: true, duplicate: true });
	});

	it('opens a file only for people who may see the experience', async () => {
		const [pdf] = (await attachments.listFor(anna.db, experienceId)).filter(
			(a) => a.filename === 'rapport.pdf'
		);
		const opened = await attachments.open(erik.db, pdf!.id);
		expect(opened?.attachment.filename).toBe('rapport.pdf');
		expect(await text(opened!.stream)).toContain('%PDF-1.4');
		expect(await attachments.open(olle.db, pdf!.id)).toBeNull();
		expect(await attachments.listFor(olle.db, experienceId)).toEqual([]);
		const anon = await fetch(`${db.rest.restRoot}/attachments?id=eq.${pdf!.id}`, {
			headers: { apikey: db.rest.anonKey, Authorization: `Bearer ${db.rest.anonKey}` }
		});
		const body = (await anon.json()) as unknown;
		expect(Array.isArray(body) ? body : []).toEqual([]);
	});

	it('removes a row and its file once nothing else uses it', async () => {
		const list = await attachments.listFor(anna.db, experienceId);
		const docx = list.find((a) => a.filename === 'Slutrapport.docx')!;
		const png = list.find((a) => a.filename === 'bild.png')!;
		expect(await attachments.remove(erik.db, experienceId, [docx.id])).toBe(0);
		const before = (await storedFiles()).length;
		expect(await attachments.remove(anna.db, experienceId, [docx.id, png.id])).toBe(2);
		// The PNG's bytes stay: "skärmbild.pdf.png" on the other report has the same content.
		expect((await storedFiles()).length).toBe(before - 1);
		expect(await rowCount()).toBe(list.length - 2);
	});
});

describe('names and download headers', () => {
	it('cleans names and gives them the extension of the content', () => {
		const name = (raw: string, type: attachments.MediaType = 'application/pdf') =>
			attachments.displayName(raw, type);
		expect(name('C:\\Users\\anna\\rapport.pdf')).toBe('rapport.pdf');
		expect(name('../../etc/passwd')).toBe('passwd.pdf');
		expect(name('faktura\u202Efdp.exe')).toBe('fakturafdp.exe.pdf');
		expect(name('foto.JPEG', 'image/jpeg')).toBe('foto.JPEG');
		expect(name('   ')).toBe('bilaga.pdf');
		expect(Array.from(name(`${'å'.repeat(300)}.pdf`))).toHaveLength(200);
	});

	it('builds headers that force a download and forbid rendering', () => {
		const headers = attachments.downloadHeaders({
			filename: 'Årsrapport "2024" (slutlig).pdf',
			mediaType: 'application/pdf',
			sizeBytes: 1234
		});
		expect(headers).toEqual({
			'Content-Type': 'application/pdf',
			'Content-Length': '1234',
			'Content-Disposition':
				'attachment; filename="Arsrapport _2024_ (slutlig).pdf"; ' +
				"filename*=UTF-8''%C3%85rsrapport%20%222024%22%20%28slutlig%29.pdf",
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "sandbox; default-src 'none'",
			'Cache-Control': 'private, no-store'
		});
	});
});
