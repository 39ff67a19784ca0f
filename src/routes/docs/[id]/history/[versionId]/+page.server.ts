import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { sql } from '$lib/server/platform';
import { toJSON, safeBodyHTML, store, versions } from '$lib/server/documents';
import { parse } from '$lib/server/forms';
import { readable, writer } from '../../access.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// One version, read-only: its content (rendered by the HTML converter, sanitized) or what
// changed between it and the document now or another version; and restoring it.

async function versionOf(event: Pick<RequestEvent, 'locals' | 'params'>, documentId: string) {
	const version = await versions.get(event.locals.supabase, documentId, event.params.versionId);
	if (!version) error(404, m.versions_not_found());
	return version;
}

// ?compare=now, or ?compare=<another version's id>: what changed from this version to that one.
async function compareTarget(event: RequestEvent, documentId: string) {
	const other = event.url.searchParams.get('compare');
	if (!other) return null;
	if (other === 'now') {
		const { state } = await store.load(sql(), documentId);
		return { version: null, content: toJSON(store.toDoc(state)) };
	}
	const found = await versions.get(event.locals.supabase, documentId, other);
	if (!found) error(404, m.versions_not_found());
	const { state, ...version } = found;
	return { version, content: versions.contentOf(state) };
}

export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) {
		redirect(303, `/login?returnTo=${encodeURIComponent(event.url.pathname)}`);
	}
	const { document, access } = await readable(event);
	const { state, ...version } = await versionOf(event, document.id);
	const content = versions.contentOf(state);
	const target = await compareTarget(event, document.id);
	return {
		title: document.title,
		document: { id: document.id, title: document.title },
		version,
		canWrite: access === 'write',
		comparing: target !== null,
		/** What the version is compared with: null for the document now. */
		other: target?.version ?? null,
		html: target ? '' : safeBodyHTML(content),
		diff: target ? versions.compare(content, target.content) : []
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
