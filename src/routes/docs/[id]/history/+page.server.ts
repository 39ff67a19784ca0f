import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { sql } from '$lib/server/platform';
import { versions } from '$lib/server/documents';
import { fields, parse } from '$lib/server/forms';
import { readable, writer } from '../access.server';
import type { Actions, PageServerLoad } from './$types';

// A document's versions: the list (read through RLS), saving a named version. Viewing,
// comparing and restoring one happen on its own page. Versions are for signed-in readers only
// (the table is not granted to visitors), so a visitor is asked to sign in first.

export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) {
		redirect(303, `/login?returnTo=${encodeURIComponent(event.url.pathname)}`);
	}
	const { document, access } = await readable(event);
	return {
		title: m.versions_title({ title: document.title }),
		document: { id: document.id, title: document.title },
		versions: await versions.list(event.locals.supabase, document.id),
		canWrite: access === 'write',
		restored: event.url.searchParams.has('restored')
	};
};

// `covers`: the deciding browser's Yjs state vector, so the version waits for its edit.
const named = z.object({
	name: fields.text(120),
	covers: z
		.string()
		.max(4096)
		.regex(/^[A-Za-z0-9+/]*={0,2}$/)
		.optional()
});

export const actions = {
	save: async (event) => {
		const { document, user } = await writer(event);
		const form = await event.request.formData();
		const parsed = parse(named, form);
		if (!parsed.ok) return parsed.failure;
		const { name, covers } = parsed.data;
		await versions.saveNamed(sql(), document.id, name, user.id, { covers });
		return { saved: parsed.data.name };
	}
} satisfies Actions;
