import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { CloseCode, MessageType } from '../../collab/protocol.ts';

// The y-websocket messages the server sends, built with y-protocols and lib0 like the
// reference server's, and the reading of what clients send.

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/** "Here is my state vector; send me what I lack." */
export const syncStep1 = (doc: Y.Doc) =>
	message(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc));

/** What a client with state vector `stateVector` lacks. */
export const syncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
	message(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector));

export const update = (data: Uint8Array) =>
	message(MessageType.sync, (e) => syncProtocol.writeUpdate(e, data));

export const awareness = (data: Uint8Array) =>
	message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, data));

type Payload = { kind: number; data: Uint8Array };

/** The rest of a sync or awareness message; throws when it is malformed or has trailing bytes. */
export function readPayload(decoder: decoding.Decoder, hasKind: boolean): Payload {
	const kind = hasKind ? decoding.readVarUint(decoder) : -1;
	const data = decoding.readVarUint8Array(decoder);
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
	return { kind, data };
}

/** Closes the connection: a malformed message (the document is unchanged). */
export const badMessage = (why: string) => ({
	code: CloseCode.badMessage,
	reason: `bad message: ${why}`.slice(0, 100)
});
