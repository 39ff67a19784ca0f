import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as multipart from './multipart.ts';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'erfa-multipart-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const limits = { fileSize: 1024, files: 10, fields: 20, fieldSize: 1024 };

/** A request carrying `form` as the browser would send it (multipart, with its boundary). */
const post = (form: FormData) =>
	new Request('http://erfa.test/upload', { method: 'POST', body: form });

describe('a streamed upload', () => {
	it('gives the fields and files in the order sent, files on disk until cleaned up', async () => {
		const form = new FormData();
		form.append('title', 'Årsrapport');
		form.append('files', new File(['första'], 'Rapport å ä ö.pdf', { type: 'application/pdf' }));
		form.append('files', new File(['andra'], 'b.txt', { type: 'text/plain' }));
		form.append('note', 'sist');
		const upload = multipart.upload(post(form), dir, limits);
		const read = await upload.formData();

		expect([...read.keys()]).toEqual(['title', 'files', 'files', 'note']);
		expect(read.get('title')).toBe('Årsrapport');
		const files = read.getAll('files') as File[];
		expect(files.map((f) => [f.name, f.type, f.size])).toEqual([
			['Rapport å ä ö.pdf', 'application/pdf', Buffer.byteLength('första')],
			['b.txt', 'text/plain', 5]
		]);
		expect(await files[0]!.text()).toBe('första');
		expect(await readdir(dir)).toHaveLength(2);
		expect(await upload.formData()).toBe(read);

		await upload.cleanup();
		expect(await readdir(dir)).toHaveLength(0);
	});

	it('cuts a file just past its limit, so the domain can say it is too large', async () => {
		const form = new FormData();
		form.append('file', new File([new Uint8Array(5000)], 'stor.pdf'));
		const upload = multipart.upload(post(form), dir, limits);
		const file = (await upload.formData()).get('file') as File;
		expect(file.size).toBe(limits.fileSize + 1);
		await upload.cleanup();
	});

	it('refuses a malformed body as a bad upload, leaving nothing behind', async () => {
		const request = new Request('http://erfa.test/upload', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=x' },
			body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nhalf'
		});
		const upload = multipart.upload(request, dir, limits);
		await expect(upload.formData()).rejects.toBeInstanceOf(multipart.BadUpload);
		await upload.cleanup();
		expect(await readdir(dir)).toHaveLength(0);
	});

	it('tells a body cut off for its size (413 from the server) from a malformed one', async () => {
		// What adapter-node does when a body without a length grows past BODY_SIZE_LIMIT, or a
		// body sends more than its Content-Length: it fails the stream with a 413.
		const head = '--x\r\nContent-Disposition: form-data; name="slides"; filename="a.pdf"\r\n\r\n';
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode(head + '%PDF-1.4 '.repeat(100)));
				controller.error(Object.assign(new Error('request body size exceeded'), { status: 413 }));
			}
		});
		const request = new Request('http://erfa.test/upload', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=x' },
			body,
			duplex: 'half'
		} as RequestInit);
		const upload = multipart.upload(request, dir, limits);
		await expect(upload.formData()).rejects.toBeInstanceOf(multipart.TooLarge);
		await upload.cleanup();
		expect(await readdir(dir)).toHaveLength(0);
	});

	it('reads nothing until the form is asked for', async () => {
		const form = new FormData();
		form.append('file', new File(['x'], 'a.pdf'));
		const request = post(form);
		const upload = multipart.upload(request, dir, limits);
		expect(request.bodyUsed).toBe(false);
		await upload.cleanup();
		expect(await readdir(dir)).toHaveLength(0);
	});
});
