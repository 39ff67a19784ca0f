import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { documentKinds } from '$lib/documents/kinds';
import { fields } from '$lib/server/forms';

// The details form of a document (create, import and edit share it). Messages are read in the
// request's language when parsing runs. Parse with `parse(details, form, detailsArrays)`.

export const detailsArrays = ['sdg'];

const title = fields
	.text(200)
	.refine((v) => v.length >= 3, { error: () => m.documents_title_too_short() });

export const kind = z.enum(documentKinds, { error: () => m.documents_kind_invalid() });

const goals = z
	.array(z.string().regex(/^(?:[1-9]|1[0-7])$/, { error: () => m.documents_sdg_invalid() }))
	.max(17)
	.transform((list) => [...new Set(list.map(Number))].sort((a, b) => a - b));

const summary = z
	.string()
	.trim()
	.max(1000, { error: () => m.field_too_long({ max: 1000 }) })
	.default('');

export const details = z.object({ title, kind, summary, sdg: goals });

export const toDetails = (data: z.output<typeof details>) => ({
	title: data.title,
	kind: data.kind,
	summary: data.summary,
	sdgGoals: data.sdg
});
