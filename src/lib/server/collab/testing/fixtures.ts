import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres, { type Sql } from 'postgres';
import { COLLAB_PATH } from '../../../collab/protocol.ts';
import * as sessions from '../../auth/sessions.ts';
import { buildUser } from '../../testing/world.ts';
import { attachCollab, type Collab, type CollabOptions } from '../index.ts';
import type { Fields, Level } from '../logging.ts';

// Test data and an in-process collaboration server for the collab tests.

export const ORIGIN = 'http://erfa.test';

let counter = 0;

export interface DocumentOptions {
	visibility?: 'open' | 'closed';
	status?: 'draft' | 'review' | 'published';
	isPublic?: boolean;
}

/** A group (active) with one document; returns both ids. */
export async function buildDocument(sql: Sql, options: DocumentOptions = {}) {
	const n = `${Date.now().toString(36)}-${++counter}`;
	const [group] = await sql`insert into public.groups (slug, name, visibility, status)
		values (${'collab-' + n}, ${'Collab ' + n}, ${options.visibility ?? 'closed'}, 'active')
		returning id`;
	const [doc] = await sql`insert into public.documents (group_id, kind, title, status, is_public)
		values (${group!.id}, 'model', ${'Dokument ' + n}, ${options.status ?? 'draft'},
			${options.isPublic ?? false})
		returning id`;
	return { groupId: group!.id as string, documentId: doc!.id as string };
}

export async function addMember(sql: Sql, groupId: string, userId: string) {
	await sql`insert into public.group_members (group_id, user_id) values (${groupId}, ${userId})`;
}

/** A person with a live session: `token` is what the erfa_session cookie holds. */
export async function signedIn(sql: Sql, name?: string) {
	const user = await buildUser(sql, name ? { name } : {});
	const { token } = await sessions.create(sql, user.id, 'collab test');
	return { id: user.id, name: user.name, token };
}

/** A document whose group has `count` members, each signed in; `name(i)` names them. */
export async function documentWithEditors(sql: Sql, count: number, name?: (i: number) => string) {
	const { groupId, documentId } = await buildDocument(sql);
	const people = [];
	for (let i = 0; i < count; i++) {
		const person = await signedIn(sql, name?.(i));
		await addMember(sql, groupId, person.id);
		people.push(person);
	}
	return { documentId, people };
}

export interface LogLine {
	level: Level;
	event: string;
	fields: Fields;
}

export interface TestServer {
	collab: Collab;
	server: Server;
	sql: Sql;
	/** ws://127.0.0.1:<port>/collab (y-websocket appends /<document id>). */
	url: string;
	logs: LogLine[];
	stop(): Promise<void>;
}

/** The collaboration server on a bare HTTP server, with its own pool, logging into `logs`. */
export async function startServer(
	databaseUrl: string,
	options: Partial<CollabOptions> = {},
	port = 0
): Promise<TestServer> {
	const sql = postgres(databaseUrl, { max: 5, onnotice: () => {} });
	const server = createServer((_req, res) => res.writeHead(404).end());
	const logs: LogLine[] = [];
	const collab = attachCollab(server, {
		sql,
		origins: [ORIGIN],
		log: (level, event, fields = {}) => logs.push({ level, event, fields }),
		batchDelayMs: 20,
		contentDelayMs: 50,
		unloadDelayMs: 100,
		...options
	});
	await collab.ready;
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	return {
		collab,
		server,
		sql,
		logs,
		url: `ws://127.0.0.1:${address.port}${COLLAB_PATH.slice(0, -1)}`,
		async stop() {
			await collab.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			await sql.end({ timeout: 1 });
		}
	};
}

/** Waits until `condition` holds (polling), failing with `what` after `timeoutMs`. */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 20_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
