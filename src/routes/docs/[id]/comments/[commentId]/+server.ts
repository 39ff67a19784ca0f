import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { comments } from '$lib/server/documents';
import { signedInReader } from '../../access.server';
import { body, readJson, refuse, threads } from '../request.server';
import type { RequestHandler } from './$types';

// One comment: its author edits the words; a thread is resolved and reopened by its author and
// by everyone who may edit the document; authors (and the group's coordinators) remove.

const change = z.discriminatedUnion(
	'action',
	[
		z.object({ action: z.literal('edit'), body }),
		z.object({ action: z.literal('resolve') }),
		z.object({ action: z.literal('reopen') })
	],
	{ error: () => m.editor_comment_invalid() }
);

export const PATCH: RequestHandler = async (event) => {
	const { document, user } = await signedInReader(event);
	const input = await readJson(event.request, change);
	const db = event.locals.supabase;
	const id = event.params.commentId;
	const done =
		input.action === 'edit'
			? await comments.edit(db, user.id, document.id, id, input.body)
			: await comments.setResolved(db, user.id, document.id, id, input.action === 'resolve');
	if (!done.ok) refuse(done.reason);
	return threads(db, document);
};

export const DELETE: RequestHandler = async (event) => {
	const { document } = await signedInReader(event);
	const db = event.locals.supabase;
	const done = await comments.remove(db, document.id, event.params.commentId);
	if (!done.ok) refuse(done.reason);
	return threads(db, document);
};
