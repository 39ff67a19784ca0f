import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BYTES as IMAGE_BYTES } from '../documents/images.ts';
import { MAX_BYTES as IMPORT_BYTES } from '../documents/import.ts';
import { MAX_BYTES as ATTACHMENT_BYTES } from '../experiences/attachments.ts';
import { importLimits } from '../research/formats/formats.ts';
import { bodyLimit, DEFAULT_BODY_LIMIT, LARGEST_BODY_LIMIT, limitBodies } from './body-limit.ts';

// The launcher's wrapping (server/serve.ts) in a real HTTP server, with a stand-in for the app
// that records what reached it and reads the whole body as SvelteKit would.

const MB = 1024 * 1024;
const uuid = '3f0c1d9e-2a4b-4c6d-8e0f-1a2b3c4d5e6f';

interface Reached {
	url: string;
	bytes: number;
	contentLength: string | undefined;
	text: string;
}
/** Every request the app was handed, as it was handed over (before reading its body). */
let called: string[];
let reached: Reached[];
let server: Server;
let port: number;

beforeAll(async () => {
	server = createServer(
		limitBodies((req, res) => {
			called.push(req.url ?? '');
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const body = Buffer.concat(chunks);
				reached.push({
					url: req.url ?? '',
					bytes: body.length,
					contentLength: req.headers['content-length'],
					text: body.length < 4096 ? body.toString() : ''
				});
				res.writeHead(200, { 'content-type': 'text/plain' }).end(`read ${body.length}`);
			});
		})
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	called = [];
	reached = [];
});

interface Sent {
	status: number;
	body: string;
	/** Bytes the client had handed to its socket when the answer arrived. */
	writtenAtAnswer: number;
	total: number;
}

/**
 * Sends `total` bytes in 64 kB chunks, as fast as the connection takes them, and stops
 * sending as soon as the server answers. Without `declareLength` the body goes chunked.
 */
function send(
	path: string,
	total: number,
	options: { declareLength: boolean; type?: string; headers?: Record<string, string> }
): Promise<Sent> {
	const headers: Record<string, string | number> = {
		'content-type': options.type ?? 'application/x-www-form-urlencoded',
		...options.headers
	};
	if (options.declareLength) headers['content-length'] = total;
	return new Promise((resolve, reject) => {
		let written = 0;
		let answered = false;
		const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers });
		req.on('response', (res: IncomingMessage) => {
			answered = true;
			const writtenAtAnswer = written;
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				resolve({
					status: res.statusCode ?? 0,
					body: Buffer.concat(chunks).toString(),
					writtenAtAnswer,
					total
				});
			});
		});
		// Once the server has answered and closed, writing the rest fails; that is expected.
		req.on('error', (error) => (answered ? undefined : reject(error)));
		const chunk = Buffer.alloc(64 * 1024, 'a');
		const pump = () => {
			while (!answered && written < total) {
				const part = chunk.subarray(0, Math.min(chunk.length, total - written));
				written += part.length;
				if (!req.write(part)) return void req.once('drain', pump);
			}
			if (!answered) req.end();
		};
		// Counted in `total`, as a form's first field name would be.
		req.write('email=');
		written = 'email='.length;
		pump();
	});
}

describe('request bodies in front of the app', () => {
	it('refuses 26 MB to /login from its length, before reading it and before the app', async () => {
		const started = performance.now();
		const sent = await send('/login', 26 * MB, { declareLength: true });
		expect(sent.status).toBe(413);
		expect(sent.body).toMatch(/för stor.*64 kB/);
		// The answer came while the client was still sending: the body was not taken in.
		expect(sent.writtenAtAnswer).toBeLessThan(sent.total);
		expect(performance.now() - started).toBeLessThan(5_000);
		expect(called).toEqual([]);
	});

	it('counts a chunked body without a length and refuses it past the limit', async () => {
		const sent = await send('/register', 26 * MB, { declareLength: false });
		expect(sent.status).toBe(413);
		expect(sent.writtenAtAnswer).toBeLessThan(sent.total);
		expect(called).toEqual([]);
	});

	it('answers a use:enhance post in the shape SvelteKit shows, in English when chosen', async () => {
		const sent = await send('/login', 100_000, {
			declareLength: true,
			headers: {
				'x-sveltekit-action': 'true',
				accept: 'application/json',
				cookie: 'erfa_locale=en'
			}
		});
		expect(sent.status).toBe(413);
		expect(JSON.parse(sent.body)).toEqual({
			type: 'error',
			error: { message: 'The request is too large: at most 64 kB can be sent here.' }
		});
	});

	it('lets an upload route take a file of a few MB, whole', async () => {
		const size = 3 * MB;
		const sent = await send(`/docs/${uuid}/images`, size, {
			declareLength: true,
			type: 'multipart/form-data; boundary=x'
		});
		expect(sent.status).toBe(200);
		expect(reached).toEqual([
			expect.objectContaining({ url: `/docs/${uuid}/images`, bytes: size })
		]);
	});

	it('passes a small form post through untouched', async () => {
		const body = 'email=anna%40example.se&password=hemligt';
		const answer = await fetch(`http://127.0.0.1:${port}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body
		});
		expect(answer.status).toBe(200);
		expect(reached).toEqual([
			{ url: '/login', bytes: body.length, contentLength: String(body.length), text: body }
		]);
	});

	it('passes a small chunked body through whole, now with its length declared', async () => {
		const sent = await send('/login', 10_000, { declareLength: false });
		expect(sent.status).toBe(200);
		expect(reached).toHaveLength(1);
		expect(reached[0]).toMatchObject({ bytes: 10_000, contentLength: '10000' });
	});
});

describe('the limit of each route', () => {
	it('is small everywhere but on the routes that take files or long texts', () => {
		expect(bodyLimit('/login')).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimit('/register')).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimit(`/research/${uuid}?/comment`)).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimit('/groups/g/documents?/create')).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimit('/groups/g/documents?/import')).toBeGreaterThan(DEFAULT_BODY_LIMIT);
		const attachments = 27 * 1024 * 1024;
		expect(bodyLimit(`/research/${uuid}?/attach`)).toBe(attachments);
		expect(bodyLimit('/research/new?/attach')).toBeLessThan(attachments);
		expect(bodyLimit('/groups/g/experiences/new')).toBe(attachments);
		expect(bodyLimit(`/groups/g/experiences/${uuid}/edit`)).toBe(attachments);
		// Session slides (50 MB) are the largest files of all.
		expect(bodyLimit(`/events/${uuid}/programme/${uuid}?/upload`)).toBe(LARGEST_BODY_LIMIT);
		expect(bodyLimit(`/events/${uuid}/programme/${uuid}?/save`)).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimit(`/groups/g/experiences/${uuid}`)).toBe(DEFAULT_BODY_LIMIT);
		expect(bodyLimit(`/groups/g/discussions/${uuid}?/reply`)).toBeGreaterThan(DEFAULT_BODY_LIMIT);
		// An encoded path never gets more than the default.
		expect(bodyLimit('/research/%69mport')).toBe(DEFAULT_BODY_LIMIT);
	});

	it("leaves each upload route room for its domain's own file limit", () => {
		const room = DEFAULT_BODY_LIMIT;
		expect(bodyLimit(`/docs/${uuid}/images`)).toBeGreaterThan(IMAGE_BYTES + room);
		expect(bodyLimit('/groups/g/documents?/import')).toBeGreaterThan(IMPORT_BYTES + room);
		expect(bodyLimit('/groups/g/experiences/new')).toBeGreaterThan(ATTACHMENT_BYTES + room);
		expect(bodyLimit(`/research/${uuid}?/attach`)).toBeGreaterThan(ATTACHMENT_BYTES + room);
		// The confirmation posts the file's text back URL-encoded: up to 3 bytes per byte.
		expect(bodyLimit('/research/import?/confirm')).toBeGreaterThan(3 * importLimits.maxBytes);
	});
});

describe('a client still sending when the answer comes', () => {
	/**
	 * Declares `size` bytes, reads the answer, then sends the body: a browser (or a busy client)
	 * is often still writing when the 413 arrives. Resolves with the answer and whether the
	 * rest of the body could be sent without the connection being reset.
	 */
	function answerThenSend(size: number): Promise<{ head: string; reset: boolean }> {
		return new Promise((resolve) => {
			const socket = connect(port, '127.0.0.1');
			let answer = '';
			let reset = false;
			socket.on('error', () => (reset = true));
			socket.on('close', () => resolve({ head: answer.split('\r\n')[0]!, reset }));
			socket.write(
				`POST /profile HTTP/1.1\r\nHost: erfa.test\r\nContent-Type: ` +
					`application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\n\r\n`
			);
			socket.once('data', (chunk: Buffer) => {
				answer = chunk.toString();
				// All of it, in pieces, as a slow upload would arrive.
				const piece = Buffer.alloc(64 * 1024, 'a');
				let sent = 0;
				const pump = () => {
					while (sent < size) {
						sent += piece.length;
						if (!socket.write(piece)) return void socket.once('drain', pump);
					}
					socket.end();
				};
				pump();
			});
		});
	}

	it('lets a sender that never stops go once the lingering time is over', async () => {
		const lingering = createServer(limitBodies(() => called.push('reached'), bodyLimit, 300));
		await new Promise<void>((resolve) => lingering.listen(0, '127.0.0.1', resolve));
		const { port } = lingering.address() as AddressInfo;
		// Keeps its own side open after the server's answer and goes on sending.
		const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
		socket.on('error', () => {});
		socket.write('POST /login HTTP/1.1\r\nHost: erfa.test\r\nContent-Length: 999999999\r\n\r\n');
		let answeredAt = 0;
		const answer = new Promise<string>((resolve) =>
			socket.once('data', (chunk: Buffer) => {
				answeredAt = performance.now();
				resolve(chunk.toString());
			})
		);
		const trickle = setInterval(() => socket.write('a'.repeat(1024)), 20);
		await new Promise((resolve) => socket.once('close', resolve));
		clearInterval(trickle);
		lingering.close();
		expect(await answer).toMatch(/^HTTP\/1.1 413/);
		// Read for the lingering time after the answer, then cut off.
		expect(performance.now() - answeredAt).toBeGreaterThanOrEqual(250);
		expect(called).toEqual([]);
	});

	it('can send the rest and reads the 413 rather than a reset connection', async () => {
		const result = await answerThenSend(8 * MB);
		expect(result.head).toBe('HTTP/1.1 413 Payload Too Large');
		expect(result.reset).toBe(false);
		expect(called).toEqual([]);
	});
});
