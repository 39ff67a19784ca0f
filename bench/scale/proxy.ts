// A tiny round-robin reverse proxy on loopback (node:http), standing in for nginx in front of
// several app processes: each HTTP request and each WebSocket upgrade goes to the next target,
// with X-Forwarded-For set as a real proxy sets it (Erfa reads it through ADDRESS_HEADER).
// No stickiness: a person's requests and sockets land on any process, which is the point.
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Proxy {
	origin: string;
	/** Which target (index) each upgrade went to, in order. */
	upgrades: number[];
	/** Changes the targets from the next request on. */
	setTargets(ports: number[]): void;
	close(): Promise<void>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function forwardedHeaders(req: IncomingMessage): Record<string, string | string[]> {
	const headers = { ...req.headers } as Record<string, string | string[]>;
	const address = req.socket.remoteAddress ?? '';
	headers['x-forwarded-for'] = headers['x-forwarded-for']
		? `${String(headers['x-forwarded-for'])}, ${address}`
		: address;
	return headers;
}

/** The upgrade request as raw HTTP/1.1 to the target, then bytes both ways. */
function tunnel(req: IncomingMessage, client: Socket, head: Buffer, port: number): void {
	const upstream = connect(port, '127.0.0.1', () => {
		const lines = [`${req.method} ${req.url} HTTP/1.1`];
		for (const [name, value] of Object.entries(forwardedHeaders(req))) {
			for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v}`);
		}
		upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
		if (head.length) upstream.write(head);
		upstream.pipe(client);
		client.pipe(upstream);
	});
	const end = () => {
		upstream.destroy();
		client.destroy();
	};
	upstream.on('error', end);
	client.on('error', end);
	upstream.on('close', end);
	client.on('close', end);
}

export async function startProxy(ports: number[]): Promise<Proxy> {
	let targets = [...ports];
	let next = 0;
	const pick = () => next++ % targets.length;
	const upgrades: number[] = [];
	const server: Server = createServer((req, res) => {
		const port = targets[pick()]!;
		const headers = forwardedHeaders(req);
		const upstream = request(
			{ host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
				answer.pipe(res);
			}
		);
		upstream.on('error', () => {
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	server.on('upgrade', (req, socket: Socket, head) => {
		const index = pick();
		upgrades.push(index);
		tunnel(req, socket, head, targets[index]!);
	});
	server.keepAliveTimeout = 65_000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		origin: `http://127.0.0.1:${port}`,
		upgrades,
		setTargets(ports) {
			targets = [...ports];
			next = 0;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
