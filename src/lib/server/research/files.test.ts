import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, anonymous, forUser, type Db } from '$lib/server/platform';
import * as research from './research.ts';
import * as files from './files.ts';
import {
	createTestDatabase,
	startTestRest,
	type TestDatabase,
	type TestRest
} from '../testing/database.ts';
import { pdfBytes, pngBytes } from '../testing/experience-fixtures.ts';
import { buildUser, type BuiltUser } from '../testing/factories.ts';
import { buildResearch } from '../testing/research-fixtures.ts';

let db: TestDatabase;
let rest: TestRest;
let sara: BuiltUser;
let olle: BuiltUser;
let saraDb: Db;
let olleDb: Db;

beforeAll(async () => {
	db = await createTestDatabase();
	rest = await startTestRest(db);
	sara = await buildUser(db.sql, { role: 'researcher' });
	olle = await buildUser(db.sql);
	saraDb = await forUser(rest.target, sara.id);
	olleDb = await forUser(rest.target, olle.id);
});
afterAll(async () => {
	await closeDb();
	await rest?.stop();
	await db?.drop();
});

const upload = (bytes: Uint8Array, name: string) =>
	new File([bytes as Uint8Array<ArrayBuffer>], name);

describe('research files', () => {
	it('stores a PDF that every reader can download, and only PDFs', async () => {
		const { id } = (await research.save(saraDb, null, buildResearch())) as { id: string };
		expect(await files.store(saraDb, id, upload(pdfBytes(), 'rapport.pdf'), sara.id)).toEqual({
			ok: true
		});
		expect(await files.store(saraDb, id, upload(pngBytes(), 'bild.pdf'), sara.id)).toEqual({
			ok: false,
			reason: 'wrong_type'
		});
		const [file] = await files.list(anonymous(rest.target), id);
		expect(file?.filename).toBe('rapport.pdf');
		const opened = await files.open(anonymous(rest.target), id, file!.id);
		expect(opened?.file.sizeBytes).toBe(pdfBytes().byteLength);
		opened?.stream.destroy();
	});

	it("lets only the record's editors add or remove files, and hides members-only files signed out", async () => {
		const { id } = (await research.save(
			saraDb,
			null,
			buildResearch({ visibility: 'members' })
		)) as { id: string };
		expect(await files.store(olleDb, id, upload(pdfBytes(), 'x.pdf'), olle.id)).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		await files.store(saraDb, id, upload(pdfBytes(), 'medlemmar.pdf'), sara.id);
		const [file] = await files.list(olleDb, id);
		expect(await files.open(anonymous(rest.target), id, file!.id)).toBeNull();
		expect(await files.remove(olleDb, id, file!.id)).toBe(false);
		expect(await files.remove(saraDb, id, file!.id)).toBe(true);
		expect(await files.list(saraDb, id)).toEqual([]);
	});
});
