import type { IncomingMessage } from 'node:http';
import type { Sql } from 'postgres';
import { CloseCode } from '../../collab/protocol.ts';
import { SESSION_COOKIE } from '../auth/cookie.ts';
import * as sessions from '../auth/sessions.ts';
import * as documents from '../documents/documents.ts';
import { DROP, type Concern, type Connecting, type Refusal, type Verdict } from './hooks.ts';
import type { Access, Peer, Person } from './peer.ts';

// Who may open a document's websocket, decided at the upgrade from the session cookie and the
// database (erfa_private.document_access), and decided again whenever rights may have changed
// (rechecks.ts). Browsers send cookies with cross-site websocket requests too, so the Origin
// header must be the app's own: otherwise any site could edit documents in a visitor's name.
// Someone who may only read is let in, but their edits are dropped before they are read.

export type { Access, Person };

export type Decision =
	| { ok: true; user: Person | null; token: string | null; access: Access }
	| { ok: false; code: number; reason: string };

export function originAllowed(req: IncomingMessage, origins: readonly string[]): boolean {
	const origin = req.headers.origin;
	return typeof origin === 'string' && origins.includes(origin);
}

export function sessionToken(req: IncomingMessage): string | null {
	for (const part of (req.headers.cookie ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
	}
	return null;
}

export async function authorize(
	sql: Sql,
	req: IncomingMessage,
	documentId: string,
	origins: readonly string[]
): Promise<Decision> {
	if (!originAllowed(req, origins)) {
		return { ok: false, code: CloseCode.forbidden, reason: 'origin' };
	}
	if (!documentId) return { ok: false, code: CloseCode.notFound, reason: 'bad_id' };
	const token = sessionToken(req);
	const session = token ? await sessions.validate(sql, token) : null;
	const user = session ? { id: session.user.id, name: session.user.name } : null;
	const access = await documents.accessOf(sql, documentId, user?.id ?? null);
	if (access) return { ok: true, user, token: session ? token : null, access };
	return refusal(sql, documentId, user);
}

/**
 * Why someone without access is refused. Signed out, "sign in" is the only useful answer (and
 * says nothing about whether the document exists); signed in, a missing document is told apart
 * from a forbidden one so the editor can say which.
 */
export async function refusal(
	sql: Sql,
	documentId: string,
	user: Person | null
): Promise<Extract<Decision, { ok: false }>> {
	if (!user) return { ok: false, code: CloseCode.unauthenticated, reason: 'signed_out' };
	const [row] = await sql`select 1 from public.documents where id = ${documentId}`;
	return row
		? { ok: false, code: CloseCode.forbidden, reason: 'no_access' }
		: { ok: false, code: CloseCode.notFound, reason: 'no_document' };
}

/** The session behind a connection, checked again: null once it ended (logout, expiry). */
export async function sessionAlive(sql: Sql, token: string): Promise<boolean> {
	return (await sessions.validate(sql, token)) !== null;
}

export class Auth implements Concern {
	readonly name = 'auth';
	private sql: Sql;
	private origins: readonly string[];

	constructor(sql: Sql, origins: readonly string[]) {
		this.sql = sql;
		this.origins = origins;
	}

	async onConnect(connection: Connecting): Promise<Refusal | null> {
		const decision = await authorize(
			this.sql,
			connection.request,
			connection.documentId,
			this.origins
		);
		if (!decision.ok) return { code: decision.code, reason: decision.reason };
		connection.user = decision.user;
		connection.token = decision.token;
		connection.access = decision.access;
		return null;
	}

	/**
	 * Read-only: the edit is dropped; it never reaches the others or the store. A suggester's
	 * edits go on to the suggestions concern, which checks what they change.
	 */
	beforeChange(_room: unknown, peer: Peer): Verdict {
		return peer.access === 'suggest' && peer.user ? null : peer.reader ? DROP : null;
	}
}
