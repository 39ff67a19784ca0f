import { fail, isHttpError, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as agenda2030 from '$lib/server/agenda2030';
import * as documents from '$lib/server/documents';
import { details, detailsArrays, toDetails, versions } from '$lib/server/documents';
import { formFailure, parse } from '$lib/server/forms';
import { emit } from '$lib/server/notifications';
import { sql } from '$lib/server/platform';
import { writer } from './access.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// A document: its details, its text drawn on the server (the editor, for those who load it,
// takes the text over the collaboration websocket), the comment threads, and the actions that change details, status and who may
// read it. Every action asks the database for the caller's rights again.

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	const db = event.locals.supabase;
	const [found, goals] = await Promise.all([
		documents.page(event, m.documents_not_found()).catch((e: unknown) => {
			// Signed out, a members' document looks missing: offer to sign in first.
			if (!user && isHttpError(e, 404)) {
				redirect(303, `/login?returnTo=${encodeURIComponent(event.url.pathname)}`);
			}
			throw e;
		}),
		agenda2030.goals(db, getLocale())
	]);
	const { document, access, canManage } = found;
	return {
		title: document.title,
		document,
		html: found.html,
		access,
		canManage,
		user: user ? { id: user.id, name: user.name } : null,
		comments: found.comments,
		goals,
		uses: found.uses,
		radar: { hits: found.radar, linked: found.links, canPropose: user !== null },
		authors: found.authors
	};
};

const status = z.object({
	status: z.enum(documents.statuses, { error: () => m.editor_status_invalid() })
});
const visibility = z.object({ public: z.enum(['true', 'false']).transform((v) => v === 'true') });

const suggestions = z.object({ allow: z.enum(['true', 'false']).transform((v) => v === 'true') });

const refused = (form: FormData) => formFailure(form, m.documents_not_allowed(), 403);

export const actions = {
	details: async (event) => {
		const { document } = await writer(event);
		const form = await event.request.formData();
		const parsed = parse(details, form, detailsArrays);
		if (!parsed.ok) return parsed.failure;
		const saved = await documents.updateDetails(
			event.locals.supabase,
			document.id,
			toDetails(parsed.data)
		);
		if (!saved.ok) return refused(form);
		return { saved: 'details' as const };
	},
	status: async (event) => {
		const { document, canManage, user } = await writer(event);
		const form = await event.request.formData();
		const parsed = parse(status, form);
		if (!parsed.ok) return parsed.failure;
		const next = parsed.data.status;
		if (next === document.status) return { saved: 'status' as const };
		// Only coordinators publish and unpublish (the database refuses others too).
		if (!canManage && (next === 'published' || document.status === 'published')) {
			return refused(form);
		}
		const saved = await documents.setStatus(event.locals.supabase, document.id, next);
		if (!saved.ok) return refused(form);
		await afterStatusChange(event, document, user.id);
		return { saved: 'status' as const };
	},
	public: async (event) => {
		const { document, canManage } = await writer(event);
		const form = await event.request.formData();
		if (!canManage) return refused(form);
		const parsed = parse(visibility, form);
		if (!parsed.ok) return fail(400, { message: m.editor_status_invalid() });
		const saved = await documents.setPublic(event.locals.supabase, document.id, parsed.data.public);
		if (!saved.ok) return refused(form);
		return { saved: 'public' as const };
	},
	suggestions: async (event) => {
		const { document } = await writer(event);
		const form = await event.request.formData();
		const parsed = parse(suggestions, form);
		if (!parsed.ok) return fail(400, { message: m.editor_status_invalid() });
		const on = parsed.data.allow;
		const saved = await documents.setAllowSuggestions(event.locals.supabase, document.id, on);
		if (!saved.ok) return refused(form);
		return { saved: 'suggestions' as const };
	}
} satisfies Actions;

// The status change is saved; the version and the notice follow. Neither may turn a saved
// change into an error page (the person would try again), so failures are only logged.
async function afterStatusChange(
	event: RequestEvent,
	document: documents.Document,
	userId: string
): Promise<void> {
	try {
		await versions.record(sql(), document.id, { kind: 'status', userId });
		await emit(sql(), {
			kind: 'document_status',
			groupId: document.groupId,
			actorId: userId,
			title: document.title,
			link: event.url.pathname,
			to: 'group_members'
		});
	} catch (error) {
		console.error('[documents] after status change', error);
	}
}
