import { z } from 'zod';
import { comments } from '$lib/server/documents';
import { signedInReader } from '../../../access.server';
import { announce } from '../../announce.server';
import { body, readJson, refuse, threads } from '../../request.server';
import type { RequestHandler } from './$types';

// A reply in a thread, by anyone signed in who may read the document.
export const POST: RequestHandler = async (event) => {
	const { document, user } = await signedInReader(event);
	const input = await readJson(event.request, z.object({ body }));
	const db = event.locals.supabase;
	const threadId = event.params.commentId;
	const created = await comments.reply(db, user.id, document.id, threadId, input.body);
	if (!created.ok) refuse(created.reason);
	const about = await comments.thread(db, document.id, threadId);
	await announce(db, {
		document,
		actorId: user.id,
		threadId,
		body: input.body,
		isReply: true,
		aboutSuggestion: !!about?.suggestion_id
	});
	return threads(db, document, 201);
};
