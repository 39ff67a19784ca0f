import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { sql } from '$lib/server/platform';
import { toJSON, safeBodyHTML, store, versions } from '$lib/server/documents';
import { parse } from '$lib/server/forms';
import { readable, writer } from '../../access.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// One version, read-only: its content (rendered by the HTML converter, sanitized) or, with
// ?compare=now, what changed between it and the document now; and restoring it.

async function versionOf(event: Pick<RequestEvent, 'locals' | 'params'>, documentId: string) {
	const version = await versions.get(event.locals.supabase, documentId, event.params.versionId);
	if (!version) error(404, m.versions_not_found());
	return version;
}

export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) {
		redirect(303, `/login?returnTo=${encodeURIComponent(event.url.pathname)}`);
	}
	const { document, access } = await readable(event);
	const { state, ...version } = await versionOf(event, document.id);
	const content = versions.contentOf(state);
	const comparing = event.url.searchParams.get('compare') === 'now';
	const now = comparing ? toJSON(store.toDoc((await store.load(sql(), document.id)).state)) : null;
	return {
		title: document.title,
		document: { id: document.id, title: document.title },
		version,
		canWrite: access === 'write',
		comparing,
		html: comparing ? '' : safeBodyHTML(content),
		diff: now ? versions.compare(content, now) : []
	};
};

const confirmed = z.object({
	confirm: z.literal('yes', { error: () => m.versions_restore_confirm_required() })
});

export const actions = {
	restore: async (event) => {
		const { document, user } = await writer(event);
		const form = await event.request.formData();
		const parsed = parse(confirmed, form);
		if (!parsed.ok) return parsed.failure;
		const version = await versionOf(event, document.id);
		await versions.restore(sql(), document.id, version.state, user.id);
		redirect(303, `/docs/${document.id}/history?restored=${version.id}`);
	}
} satisfies Actions;
