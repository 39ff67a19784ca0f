import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { comments, suggestionThreads } from '$lib/server/documents';
import { fields } from '$lib/server/forms';
import { signedInReader } from '../access.server';
import { announce } from './announce.server';
import { body, readJson, refuse, threads } from './request.server';
import type { RequestHandler } from './$types';

// The document's comment threads (GET) and a new thread on a stretch of text (POST). Anyone
// signed in who may read the document may comment.

const newThread = z.object({
	anchor: z.custom<comments.Anchor>((value) => comments.anchor.safeParse(value).success, {
		error: () => m.editor_comment_anchor_invalid()
	}),
	// Longer quotes are cut to MAX_QUOTE when stored.
	quote: fields.string({ error: () => m.editor_comment_invalid() }).max(comments.MAX_QUOTE * 4),
	body,
	// A thread about a suggested change: the suggestion's id as the editor marks it.
	suggestionId: z
		.string()
		.min(1)
		.max(suggestionThreads.MAX_SUGGESTION_ID, { error: () => m.editor_comment_invalid() })
		.nullish()
});

export const GET: RequestHandler = async (event) => {
	const { document } = await signedInReader(event);
	return threads(event.locals.supabase, document);
};

export const POST: RequestHandler = async (event) => {
	const { document, user } = await signedInReader(event);
	const input = await readJson(event.request, newThread);
	const db = event.locals.supabase;
	const created = await comments.createThread(db, user.id, document.id, input);
	if (!created.ok) refuse(created.reason);
	await announce(db, {
		document,
		actorId: user.id,
		threadId: created.id,
		body: input.body,
		isReply: false,
		aboutSuggestion: !!input.suggestionId
	});
	return threads(db, document, 201);
};
