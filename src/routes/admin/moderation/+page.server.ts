import { m } from '$lib/paraglide/messages.js';
import { requireAdmin } from '$lib/server/admin';
import * as moderation from '$lib/server/moderation';
import { settleFromForm } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

// Open reports in every group, for administrators.

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return {
		title: m.moderation_admin_title(),
		queue: await moderation.queue(event.locals.supabase, null)
	};
};

export const actions = {
	settle: async (event) => {
		const user = requireAdmin(event);
		return settleFromForm(event.locals, await event.request.formData(), user, null);
	}
} satisfies Actions;
