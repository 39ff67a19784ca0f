import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { comments } from '$lib/server/documents';
import { fields, readJsonBody } from '$lib/server/forms';
import type { Db } from '$lib/server/platform';

// What the comment endpoints share: the JSON body's schema pieces, reading it, refusals in the
// reader's language, and the answer (the document's threads as they are now, so the page
// shows the change at once).

export const body = fields
	.string({ error: () => m.editor_comment_required() })
	.trim()
	.min(1, { error: () => m.editor_comment_required() })
	.max(comments.MAX_BODY, { error: () => m.field_too_long({ max: comments.MAX_BODY }) });

/** The request's JSON body (text cleaned) parsed with `schema`; 400 with the first problem. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S) {
	const parsed = schema.safeParse(await readJsonBody(request));
	if (!parsed.success) error(400, parsed.error.issues[0]?.message ?? m.editor_comment_invalid());
	return parsed.data as z.output<S>;
}

/** 403 or 404 for a refused write. */
export function refuse(reason: 'not_allowed' | 'not_found'): never {
	if (reason === 'not_found') error(404, m.editor_comment_not_found());
	error(403, m.editor_comment_not_allowed());
}

export async function threads(db: Db, document: { id: string; groupId: string }, status = 200) {
	return json({ threads: await comments.list(db, document) }, { status });
}
