import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	admin.requireAdmin(event);
	const id = Number(event.params.id);
	const message =
		Number.isSafeInteger(id) && id > 0
			? await admin.outboxMessage(event.locals.supabase, id)
			: null;
	if (!message) error(404, m.admin_outbox_not_found());
	return { title: message.subject, message };
};
