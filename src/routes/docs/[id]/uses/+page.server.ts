import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { documentAccess, uses } from '$lib/server/documents';
import { formFailure, parse } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// "Vi använder detta": who uses a published document, and a form for the person's own
// organization to say it does (or no longer does).

const useForm = z.object({
	since: z.iso
		.date({ error: () => m.uses_since_invalid() })
		.refine((d) => d <= new Date().toISOString().slice(0, 10), {
			error: () => m.uses_since_future()
		}),
	note: z
		.string()
		.trim()
		.max(1000, { error: () => m.field_too_long({ max: 1000 }) })
		.default('')
});

export const load: PageServerLoad = async (event) => {
	const { user, document } = await documentAccess(event, m.documents_not_found());
	const list = await uses.list(event.locals.supabase, document.id);
	const mine = user?.organizationId
		? (list.find((u) => u.organization.id === user.organizationId) ?? null)
		: null;
	return {
		title: m.uses_title({ title: document.title }),
		document: { id: document.id, title: document.title, status: document.status },
		uses: list,
		mine,
		canRecord: document.status === 'published' && Boolean(user?.organizationId),
		signedIn: user !== null
	};
};

/** The signed-in person with an organization, for a published document they may read. */
async function recorder(event: RequestEvent) {
	const { user, document } = await documentAccess(event, m.documents_not_found());
	if (!user?.organizationId || document.status !== 'published') error(403, m.uses_not_allowed());
	return { person: { id: user.id, organizationId: user.organizationId }, document };
}

export const actions = {
	record: async (event) => {
		const { person, document } = await recorder(event);
		const form = await event.request.formData();
		const parsed = parse(useForm, form);
		if (!parsed.ok) return parsed.failure;
		const done = await uses.record(event.locals.supabase, person, document.id, parsed.data);
		if (!done.ok) return formFailure(form, m.uses_not_allowed(), 403);
		return { recorded: true };
	},
	remove: async (event) => {
		const { person, document } = await recorder(event);
		await uses.remove(event.locals.supabase, document.id, person.organizationId);
		return { removed: true };
	}
} satisfies Actions;
