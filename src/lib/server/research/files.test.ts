import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import * as research from './research.ts';
import * as files from './files.ts';
import {
	useTestDatabase,
	pdfBytes,
	pngBytes,
	buildUser,
	type BuiltUser,
	researchInput
} from '../testing/world.ts';

const db = useTestDatabase({ rest: true });
let sara: BuiltUser;
let olle: BuiltUser;
let saraDb: Db;
let olleDb: Db;

beforeAll(async () => {
	sara = await buildUser(db.sql, { role: 'researcher' });
	olle = await buildUser(db.sql);
	saraDb = await forUser(db.rest, sara.id);
	olleDb = await forUser(db.rest, olle.id);
});

const upload = (bytes: Uint8Array, name: string) =>
	new File([bytes as Uint8Array<ArrayBuffer>], name);

describe('research files', () => {
	it('stores a PDF that every reader can download, and only PDFs', async () => {
		const { id } = (await research.save(saraDb, null, researchInput())) as { id: string };
		expect(await files.store(saraDb, id, upload(pdfBytes(), 'rapport.pdf'), sara.id)).toEqual({
			ok: true
		});
		expect(await files.store(saraDb, id, upload(pngBytes(), 'bild.pdf'), sara.id)).toEqual({
			ok: false,
			reason: 'wrong_type'
		});
		const [file] = await files.list(anonymous(db.rest), id);
		expect(file?.filename).toBe('rapport.pdf');
		const opened = await files.open(anonymous(db.rest), id, file!.id);
		expect(opened?.file.sizeBytes).toBe(pdfBytes().byteLength);
		opened?.stream.destroy();
	});

	it("lets only the record's editors add or remove files, and hides members-only files signed out", async () => {
		const { id } = (await research.save(
			saraDb,
			null,
			researchInput({ visibility: 'members' })
		)) as { id: string };
		expect(await files.store(olleDb, id, upload(pdfBytes(), 'x.pdf'), olle.id)).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		await files.store(saraDb, id, upload(pdfBytes(), 'medlemmar.pdf'), sara.id);
		const [file] = await files.list(olleDb, id);
		expect(await files.open(anonymous(db.rest), id, file!.id)).toBeNull();
		expect(await files.remove(olleDb, id, file!.id)).toBe(false);
		expect(await files.remove(saraDb, id, file!.id)).toBe(true);
		expect(await files.list(saraDb, id)).toEqual([]);
	});
});
