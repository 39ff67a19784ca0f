import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { colorFor, identityOf, rewriteAwareness } from './awareness.ts';

const anna = identityOf({ id: '7f0c1d2e-0000-4000-8000-000000000001', name: 'Anna Lind' });

function updateFrom(states: Record<number, unknown>): Uint8Array {
	const encoder = encoding.createEncoder();
	const entries = Object.entries(states);
	encoding.writeVarUint(encoder, entries.length);
	for (const [id, state] of entries) {
		encoding.writeVarUint(encoder, Number(id));
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarString(encoder, JSON.stringify(state));
	}
	return encoding.toUint8Array(encoder);
}

function applied(update: Uint8Array) {
	const awareness = new Awareness(new Y.Doc());
	applyAwarenessUpdate(awareness, update, null);
	return awareness.getStates();
}

describe('rewriteAwareness', () => {
	it("replaces whatever the client claims with the session's person, keeping the rest", () => {
		const claimed = updateFrom({
			11: { user: { id: 'someone-else', name: 'Admin' }, cursor: { a: 1 } }
		});
		const states = applied(rewriteAwareness(claimed, anna, () => true)!);
		expect(states.get(11)).toEqual({ user: anna, cursor: { a: 1 } });
	});

	it('drops states for client ids the connection may not control and keeps removals', () => {
		const update = updateFrom({ 11: { cursor: 1 }, 12: { cursor: 2 }, 13: null });
		const rewritten = rewriteAwareness(update, anna, (id) => id !== 12)!;
		const awareness = new Awareness(new Y.Doc());
		applyAwarenessUpdate(awareness, updateFrom({ 13: { cursor: 3 } }), null);
		applyAwarenessUpdate(awareness, rewritten, null);
		expect([...awareness.getStates().keys()].sort()).toEqual([awareness.clientID, 11].sort());
		expect(rewriteAwareness(update, anna, () => false)).toBeNull();
	});

	it('round-trips what y-protocols encodes', () => {
		const awareness = new Awareness(new Y.Doc());
		awareness.setLocalState({ user: { name: 'x' }, selection: [1, 2] });
		const update = encodeAwarenessUpdate(awareness, [awareness.clientID]);
		const states = applied(rewriteAwareness(update, anna, () => true)!);
		expect(states.get(awareness.clientID)).toEqual({ user: anna, selection: [1, 2] });
	});

	it('throws on malformed updates', () => {
		const good = updateFrom({ 11: { cursor: 1 } });
		expect(() => rewriteAwareness(good.slice(0, -2), anna, () => true)).toThrow();
		expect(() => rewriteAwareness(new Uint8Array([...good, 0]), anna, () => true)).toThrow();
		expect(() => rewriteAwareness(updateFrom({ 11: 'text' }), anna, () => true)).toThrow();
		expect(() => rewriteAwareness(updateFrom({ 11: [1] }), anna, () => true)).toThrow();
	});
});

describe('colorFor', () => {
	it('gives each person a stable hex colour', () => {
		expect(colorFor(anna.id)).toBe(colorFor(anna.id));
		expect(colorFor(anna.id)).toMatch(/^#[0-9a-f]{6}$/);
		const colours = new Set(Array.from({ length: 50 }, (_, i) => colorFor(`user-${i}`)));
		expect(colours.size).toBeGreaterThan(30);
	});
});
