import { error, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth';
import { sql } from '$lib/server/platform';
import * as documents from './documents.ts';
import { memberships } from '$lib/server/groups';

// What the caller may do with one document. The /docs/[id] page, its actions and every endpoint
// below it (comments, images, versions, export) call this again: a layout's load does not run
// before an action. Row-level security stays the last word on every read and write.

export interface DocumentAccess {
	/** Null when signed out (a public, published document). */
	user: SessionUser | null;
	document: documents.Document;
	/** 'write': edit text, details and comments; 'read': read and, signed in, comment. */
	access: documents.Access;
	/** Coordinator of the document's group or administrator: publishes, makes public, deletes. */
	canManage: boolean;
}

type Event = Pick<RequestEvent, 'locals' | 'params'>;

/** The document for the caller: 404 when it does not exist or the caller may not read it. */
export async function documentAccess(
	event: Event,
	notFound = 'Not found'
): Promise<DocumentAccess> {
	const user = event.locals.user;
	const id = event.params.id ?? '';
	const document = await documents.get(event.locals.supabase, id, user !== null);
	if (!document) error(404, notFound);
	const [access, role] = await Promise.all([
		documents.accessOf(sql(), id, user?.id ?? null),
		user ? memberships.roleOf(event.locals.supabase, document.groupId, user.id) : null
	]);
	if (!access) error(404, notFound);
	const canManage = access === 'write' && (user?.role === 'admin' || role === 'coordinator');
	return { user, document, access, canManage };
}

/** Like documentAccess, but 403 unless the caller may edit the document. */
export async function writeAccess(event: Event): Promise<DocumentAccess & { user: SessionUser }> {
	const found = await documentAccess(event);
	if (found.access !== 'write' || !found.user) error(403, 'Forbidden');
	return { ...found, user: found.user };
}
