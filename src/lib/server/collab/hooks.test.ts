import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../collab/protocol.ts';
import { DROP, REMOTE, type Concern } from './hooks.ts';
import { resolveLimits } from './limits.ts';
import { createPeer } from './peer.ts';
import { Room } from './room.ts';

// The contract a concern relies on (hooks.ts), with concerns that only record what they are
// told: the order hooks run in, what a before-hook's answer does, which messages reach whom.

const log = () => {};
const limits = resolveLimits();

function peerOf(access: 'write' | 'read') {
	const socket = { readyState: 1, bufferedAmount: 0, send() {}, close() {}, terminate() {} };
	const user = { id: 'u', name: 'U' };
	return createPeer(socket as unknown as WebSocket, 'd', { user, token: null, access }, limits);
}

function update(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

/** A concern that records every hook it is told, as "name.hook". */
function recorder(name: string, extra: Partial<Concern> = {}): Concern & { seen: string[] } {
	const seen: string[] = [];
	const note = (hook: string) => () => void seen.push(`${name}.${hook}`);
	return {
		name,
		seen,
		onLoad: async () => note('onLoad')(),
		onJoin: note('onJoin'),
		onChange: (_room, _update, origin) => void seen.push(`${name}.onChange:${String(origin)}`),
		onClose: note('onClose'),
		onDestroy: note('onDestroy'),
		...extra
	};
}

describe('a room runs its concerns in order', () => {
	it('loads with each onLoad in turn; what arrives meanwhile waits until it is ready', async () => {
		const order: string[] = [];
		let room: Room | undefined;
		const first: Concern = {
			name: 'first',
			onLoad: async (r) => {
				order.push('first');
				room = r;
				r.whenReady(() => r.applyRemote(update('relayed')));
			},
			onChange: (_r, _u, origin) => void order.push(`change ${String(origin === REMOTE)}`)
		};
		const second: Concern = { name: 'second', onLoad: async () => void order.push('second') };
		const opened = await Room.open({ log, concerns: [first, second] }, 'd');
		expect(opened).toBe(room);
		expect(order).toEqual(['first', 'second', 'change true']);
		expect(opened.doc.getText('t').toString()).toBe('relayed');
		await opened.destroy();
	});

	it('a before-hook drops or closes, and the concerns after it are not asked', async () => {
		const asked: string[] = [];
		const later = recorder('later', { beforeChange: () => (asked.push('later'), null) });
		const gate: Concern = {
			name: 'gate',
			beforeChange: (_room, peer) =>
				peer.access === 'read' ? DROP : { code: CloseCode.documentTooLarge, reason: 'too large' }
		};
		const room = await Room.open({ log, concerns: [gate, later] }, 'd');
		expect(room.applyLocal(peerOf('read'), update('x'))).toBeNull();
		expect(room.applyLocal(peerOf('write'), update('x'))).toEqual({
			code: CloseCode.documentTooLarge,
			reason: 'too large'
		});
		expect(room.doc.getText('t').toString()).toBe('');
		expect(asked).toEqual([]);
		expect(later.seen).toEqual(['later.onLoad']);
		await room.destroy();
	});

	it('sends a message to the first concern that takes its type; no taker is a bad message', async () => {
		const types: number[] = [];
		const taker = (name: string): Concern => ({
			name,
			messageTypes: [7],
			onMessage: (_room, _peer, message) => {
				types.push(message.type);
				return name === 'first' ? null : { code: 1, reason: 'second' };
			}
		});
		const room = await Room.open({ log, concerns: [taker('first'), taker('second')] }, 'd');
		const peer = peerOf('write');
		expect(room.receive(peer, new Uint8Array([7]))).toBeNull();
		expect(room.receive(peer, new Uint8Array([8]))?.code).toBe(CloseCode.badMessage);
		expect(room.receive(peer, new Uint8Array([7]), false)?.code).toBe(CloseCode.badMessage);
		expect(types).toEqual([7]);
		await room.destroy();
	});

	it('tells every concern of joins, changes and closes, in list order', async () => {
		const [a, b] = [recorder('a'), recorder('b')];
		const room = await Room.open({ log, concerns: [a, b] }, 'd');
		const peer = peerOf('write');
		room.join(peer);
		room.applyLocal(peer, update('x'));
		room.leave(peer, 1000);
		await room.destroy();
		const told = (name: string) =>
			['onLoad', 'onJoin', 'onChange:[object Object]', 'onClose', 'onDestroy'].map(
				(hook) => `${name}.${hook}`
			);
		expect(a.seen).toEqual(told('a'));
		expect(b.seen).toEqual(told('b'));
	});

	it('stays loaded when any onUnload says so, after asking every one', async () => {
		const asked: string[] = [];
		const unload = (name: string, done: boolean): Concern => ({
			name,
			onUnload: async () => (asked.push(name), done)
		});
		const room = await Room.open({ log, concerns: [unload('a', false), unload('b', true)] }, 'd');
		expect(await room.unload()).toBe(false);
		expect(asked).toEqual(['a', 'b']);
		await room.destroy();
	});
});
