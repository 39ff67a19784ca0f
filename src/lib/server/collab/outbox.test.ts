import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { frame, Outgoing, write } from './outbox.ts';

// The server frames a message once and writes it to the sockets itself (outbox.ts): a real ws
// client must read exactly what ws.send would have sent, at every length boundary of the frame
// header, in order, however many messages one turn writes and whatever ws sends between them.

let server: Server | undefined;

afterEach(
	() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
);

/** A ws client connected to a bare upgrade; resolves to its socket on the server's side. */
async function pair(): Promise<{ socket: Duplex; serverSide: WebSocket; client: WebSocket }> {
	const sockets = new WebSocketServer({ noServer: true });
	server = createServer();
	const upgraded = new Promise<{ socket: Duplex; serverSide: WebSocket }>((resolve) =>
		server!.on('upgrade', (request, socket, head) =>
			sockets.handleUpgrade(request, socket, head, (ws) => resolve({ socket, serverSide: ws }))
		)
	);
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const client = new WebSocket(`ws://127.0.0.1:${port}`);
	return { ...(await upgraded), client };
}

function received(client: WebSocket, count: number): Promise<Uint8Array[]> {
	const messages: Uint8Array[] = [];
	return new Promise((resolve) =>
		client.on('message', (data: Buffer, isBinary: boolean) => {
			expect(isBinary).toBe(true);
			messages.push(new Uint8Array(data));
			if (messages.length === count) resolve(messages);
		})
	);
}

const bytes = (length: number, seed: number) =>
	Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 251);

describe('the outbox', () => {
	it('frames with the header RFC 6455 gives each length', () => {
		const headers: [number, number[]][] = [
			[0, [0x82, 0]],
			[125, [0x82, 125]],
			[126, [0x82, 126, 0, 126]],
			[65_535, [0x82, 126, 255, 255]],
			[65_536, [0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]]
		];
		for (const [length, header] of headers) {
			const data = bytes(length, length);
			const framed = frame(data);
			expect([...framed.subarray(0, header.length)]).toEqual(header);
			expect(framed.subarray(header.length)).toEqual(Buffer.from(data));
		}
	});

	it('delivers many messages of one turn in order, between what ws itself sends', async () => {
		const { socket, serverSide, client } = await pair();
		const sizes = [0, 1, 125, 126, 65_535, 65_536, 200_000, ...Array(500).fill(40)];
		const all = sizes.map((length, i) => bytes(length, i));
		const arriving = received(client, all.length + 1);
		const shared = new Outgoing(all[1]!);
		expect(shared.frame).toBe(shared.frame); // framed once, whoever it goes to
		all.forEach((data, i) => {
			write(socket, new Outgoing(data).frame);
			if (i === 3) serverSide.ping(); // ws's own frames keep their place
		});
		serverSide.send(bytes(10, 99)); // and ws's send after them
		const got = await arriving;
		expect(got.slice(0, -1)).toEqual(all);
		expect(got.at(-1)).toEqual(bytes(10, 99));
		client.close();
	});
});
