import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { suggestionThreads } from '$lib/server/documents';
import { emit } from '$lib/server/notifications';
import { sql } from '$lib/server/platform';
import { signedInReader } from '../access.server';
import type { RequestHandler } from './$types';

// The editor says that its person has started suggesting changes: the document's editors and
// the group's coordinators are told, once per suggester and document in ten minutes however
// often this is called (the editor calls it on the first suggestion of a while).
export const POST: RequestHandler = async (event) => {
	const { document, user, access } = await signedInReader(event);
	if (access !== 'write' && access !== 'suggest') error(403, m.documents_not_allowed());
	if (await suggestionThreads.claimNotice(sql(), document.id, user.id)) {
		const to = (await suggestionThreads.concerned(sql(), document)).filter((id) => id !== user.id);
		if (to.length) {
			await emit(sql(), {
				kind: 'document_suggestion',
				groupId: document.groupId,
				actorId: user.id,
				title: document.title,
				link: `/docs/${document.id}`,
				to
			});
		}
	}
	return new Response(null, { status: 204 });
};
