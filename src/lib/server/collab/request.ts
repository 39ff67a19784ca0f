import type { IncomingMessage } from 'node:http';
import { isIPv4 } from 'node:net';
import { COLLAB_PATH } from '../../collab/protocol.ts';
import { isId } from '../documents/documents.ts';

// What the server reads from an upgrade request before any concern runs: which document, and
// from which address.

/** The document id in `/collab/<id>`; '' when what follows is no id; null for other paths. */
export function documentIdOf(url: string | undefined): string | null {
	const path = new URL(url ?? '/', 'http://collab.invalid').pathname;
	if (!path.startsWith(COLLAB_PATH)) return null;
	const id = path.slice(COLLAB_PATH.length);
	return isId(id) ? id.toLowerCase() : '';
}

export interface AddressSettings {
	/** A header a reverse proxy sets to the client's address (adapter-node's ADDRESS_HEADER). */
	header?: string;
	/** With x-forwarded-for: how many proxies from the right to trust (adapter-node's XFF_DEPTH). */
	depth?: number;
}

/** The settings adapter-node reads, so that the websocket sees the address the app sees. */
export const addressSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): AddressSettings => ({
	header: env.ADDRESS_HEADER?.toLowerCase() || undefined,
	depth: Number.parseInt(env.XFF_DEPTH ?? '1', 10) || 1
});

/**
 * The client's address, as a key to count signed-out connections by: behind a proxy the header
 * it sets (the socket's address is the proxy's), an IPv6 address as its /64 (one subscriber
 * commonly holds a whole /64), IPv4-mapped IPv6 as plain IPv4.
 */
export function clientAddress(req: IncomingMessage, settings: AddressSettings = {}): string {
	let address = req.socket.remoteAddress ?? '';
	const value = settings.header ? req.headers[settings.header] : undefined;
	// Without the header (a request that did not come through the proxy): the socket's address.
	if (settings.header && value !== undefined) {
		const text = (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
		if (settings.header === 'x-forwarded-for') {
			const hops = text.split(',').map((hop) => hop.trim());
			address = hops[Math.max(0, hops.length - (settings.depth ?? 1))] ?? '';
		} else address = text;
	}
	return addressKey(address);
}

export function addressKey(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1]!;
	if (isIPv4(address) || !address.includes(':')) return address;
	const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
	const left = head ? head.split(':') : [];
	const right = address.includes('::') && tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
		: left;
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}
