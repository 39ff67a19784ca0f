import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { limits } from '$lib/server/discussions';
import { fields } from '$lib/server/forms';

// The discussion forms. Messages are read in the request's language when parsing runs.

const title = fields
	.text(limits.title)
	.refine((v) => v.length >= limits.titleMin, { error: () => m.discussions_title_invalid() });

const body = fields.text(limits.body);

const id = z.uuid({ error: () => m.discussions_not_found() });

const optionalId = z
	.string()
	.optional()
	.transform((v) => v || null)
	.pipe(id.nullable());

export const newThread = z.object({ title, body });

export const reply = z.object({ body, quoted_reply_id: optionalId });

export const edit = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('thread'), target: id, title, body }),
	z.object({ kind: z.literal('reply'), target: id, body })
]);

export const remove = z.object({ kind: z.enum(['thread', 'reply']), target: id });

export const answer = z.object({ target: id, answer: z.enum(['true', 'false']) });

export const pin = z.object({ pinned: z.enum(['true', 'false']) });
