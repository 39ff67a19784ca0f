import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth';
import * as documents from '$lib/server/documents';
import { anonymous, forUser, type Db } from '$lib/server/platform';
import {
	useTestDatabase,
	buildGroup,
	pdfBytes,
	pngBytes,
	buildUser
} from '$lib/server/testing/world';
import { GET } from './[fileId]/+server';
import { POST } from './+server';

// Uploading images into a document and reading them back, through the endpoints.

const db = useTestDatabase({ rest: true });
let dataDir: string;
type Person = { user: SessionUser; db: Db };
let anna: Person; // member
let olle: Person; // not a member
let documentId: string;

/** A 1×1 GIF, so that more than one image type is seen through. */
const gifBytes = () =>
	Uint8Array.from(
		Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
	);

beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'erfa-doc-images-'));
	process.env.DATA_DIR = dataDir;
	const person = async (name: string): Promise<Person> => {
		const built = await buildUser(db.sql, { name });
		const user = { id: built.id, name, role: 'member', organizationId: null, emailVerified: true };
		return { user: user as SessionUser, db: await forUser(db.rest, built.id) };
	};
	anna = await person('Anna Lind');
	olle = await person('Olle Ek');
	const group = await buildGroup(db.sql, {
		visibility: 'closed',
		members: [[anna.user.id, 'member']]
	});
	const created = await documents.create(anna.db, anna.user, group.id, {
		kind: 'process',
		title: 'Process för bildbank',
		summary: '',
		sdgGoals: []
	});
	if (!created.ok) throw new Error('no document');
	documentId = created.id;
});
afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true });
});

const event = (who: Person | null, request: Request, fileId = '') => ({
	url: new URL(request.url),
	request,
	params: { id: documentId, fileId },
	locals: { user: who?.user ?? null, session: null, supabase: who?.db ?? anonymous(db.rest) }
});

async function upload(who: Person | null, file: File | null) {
	const body = new FormData();
	if (file) body.append('file', file);
	const request = new Request(`http://erfa.test/docs/${documentId}/images`, {
		method: 'POST',
		body
	});
	try {
		const response = await POST(event(who, request) as never);
		return {
			status: response.status,
			body: (await response.json()) as { id: string; src: string }
		};
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return { status: e.status, body: e.body as unknown as { message: string } };
	}
}

async function fetchImage(who: Person | null, fileId: string) {
	const request = new Request(`http://erfa.test/docs/${documentId}/images/${fileId}`);
	try {
		return await GET(event(who, request, fileId) as never);
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return new Response(null, { status: e.status });
	}
}

const file = (bytes: Uint8Array, name: string, type = '') =>
	new File([bytes as Uint8Array<ArrayBuffer>], name, { type });

describe('image upload', () => {
	it('stores an image by its content and serves it with safe headers', async () => {
		const stored = await upload(anna, file(pngBytes(), 'skiss.png', 'image/png'));
		expect(stored.status).toBe(201);
		const { id, src } = stored.body as { id: string; src: string };
		expect(src).toBe(`/docs/${documentId}/images/${id}`);
		const response = await fetchImage(anna, id);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toMatch(/^private/);
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(pngBytes());
		// The same picture again is the same file.
		const again = await upload(anna, file(pngBytes(), 'kopia.png'));
		expect((again.body as { id: string }).id).toBe(id);
		expect((await upload(anna, file(gifBytes(), 'animation.gif'))).status).toBe(201);
	});

	it.each([
		['no file', null, 400],
		['an empty file', file(new Uint8Array(), 'tom.png'), 400],
		['a PDF named .png', file(pdfBytes(), 'bild.png', 'image/png'), 415],
		[
			'text claiming to be a JPEG',
			file(new TextEncoder().encode('hej'), 'a.jpg', 'image/jpeg'),
			415
		],
		['an image over 10 MB', file(new Uint8Array(10 * 1024 * 1024 + 1).fill(1), 'stor.png'), 413]
	])('refuses %s', async (_name, given, status) => {
		const refused = await upload(anna, given);
		expect(refused.status).toBe(status);
		expect((refused.body as { message: string }).message).toBeTruthy();
	});

	it('is for the document’s writers only, and its images for its readers', async () => {
		expect((await upload(olle, file(pngBytes(), 'x.png'))).status).toBe(404);
		expect((await upload(null, file(pngBytes(), 'x.png'))).status).toBe(404);
		const [row] =
			await db.sql`select id from public.document_files where document_id = ${documentId} limit 1`;
		expect((await fetchImage(olle, row!.id as string)).status).toBe(404);
		expect((await fetchImage(anna, crypto.randomUUID())).status).toBe(404);
		await db.sql`update public.documents set status = 'published' where id = ${documentId}`;
		try {
			// Published: Olle may read it (and its images) but not add to it.
			expect((await fetchImage(olle, row!.id as string)).status).toBe(200);
			expect((await upload(olle, file(pngBytes(), 'x.png'))).status).toBe(403);
		} finally {
			await db.sql`update public.documents set status = 'draft' where id = ${documentId}`;
		}
	});
});
