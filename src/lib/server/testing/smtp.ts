import { SMTPServer } from 'smtp-server';
import { freePort } from '../platform/ports.ts';

// A real SMTP server in the test process: the app's mail goes through an actual SMTP exchange
// and the test reads what arrived.

export interface Received {
	to: string[];
	raw: string;
}

export async function startSmtp() {
	const inbox: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				inbox.push({
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `smtp://127.0.0.1:${port}`,
		inbox,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** The first link in a (quoted-printable) message that starts with `prefix`. */
export function linkIn(raw: string, prefix: string): string | null {
	const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
	const match = text.match(
		new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^\\s"<>]+`)
	);
	return match ? match[0] : null;
}
