import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { documentAccess } from '$lib/server/documents';

// The rights checks of the document page, its actions and the endpoints below it, with the
// refusals in the reader's language. Each call asks the database again.

type Event = Pick<RequestEvent, 'locals' | 'params'>;

/** Anyone who may read the document (signed out too, for a public one); 404 otherwise. */
export const readable = (event: Event) => documentAccess(event, m.documents_not_found());

/** A signed-in reader: 401 when signed out. */
export async function signedInReader(event: Event) {
	const found = await readable(event);
	if (!found.user) error(401, m.editor_sign_in_required());
	return { ...found, user: found.user };
}

/** Someone who may edit the text and details: 403 for readers. */
export async function writer(event: Event) {
	const found = await readable(event);
	if (found.access !== 'write' || !found.user) error(403, m.documents_not_allowed());
	return { ...found, user: found.user };
}
