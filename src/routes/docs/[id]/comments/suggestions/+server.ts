import { z } from 'zod';
import { suggestionThreads } from '$lib/server/documents';
import { writer } from '../../access.server';
import { readJson, threads } from '../request.server';
import type { RequestHandler } from './$types';

// Suggestions were accepted or rejected in the editor: their threads are resolved (kept, as
// resolved threads are). Only those who may decide on suggestions (the document's writers).

const decided = z.object({
	ids: z.array(z.string().min(1).max(suggestionThreads.MAX_SUGGESTION_ID)).min(1).max(500)
});

export const POST: RequestHandler = async (event) => {
	const { document, user } = await writer(event);
	const { ids } = await readJson(event.request, decided);
	const db = event.locals.supabase;
	await suggestionThreads.resolveFor(db, user.id, document.id, ids);
	return threads(db, document);
};
