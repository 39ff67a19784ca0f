import { m } from '$lib/paraglide/messages.js';
import { parse } from '$lib/server/forms';
import * as audit from '$lib/server/audit';
import { sql } from '$lib/server/platform';
import * as moderation from '$lib/server/moderation';
import { back, reasonSchema, refused, signedIn, toTarget } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ title: m.moderation_hide_page_title() });

export const actions = {
	default: async (event) => {
		const { request, locals } = event;
		const form = await request.formData();
		const user = signedIn(locals, form);
		const parsed = parse(reasonSchema(moderation.limits.hide), form);
		if (!parsed.ok) return parsed.failure;
		const input = parsed.data;
		// hide() checks the right itself (coordinator of the post's group or admin), and the
		// database trigger refuses anyone else even if that check were skipped.
		const result = await moderation.hide(locals.supabase, toTarget(input), input.reason, user);
		if (result === 'hidden') {
			await audit.record(sql(), {
				...audit.origin(event),
				action: 'post.hidden',
				subject: toTarget(input),
				details: { reason: input.reason }
			});
		}
		if (result === 'not_found') return refused(form, m.moderation_not_found(), 404);
		if (result === 'forbidden') return refused(form, m.moderation_forbidden(), 403);
		back(input.return_to, result, input.target_id, 'hide');
	}
} satisfies Actions;
