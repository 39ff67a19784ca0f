import { m } from '$lib/paraglide/messages.js';
import { parse } from '$lib/server/forms';
import * as moderation from '$lib/server/moderation';
import { back, reasonSchema, refused, signedIn, toTarget } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ title: m.moderation_report_page_title() });

export const actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		const user = signedIn(locals, form);
		const parsed = parse(reasonSchema(moderation.limits.report), form);
		if (!parsed.ok) return parsed.failure;
		const input = parsed.data;
		const result = await moderation.report(locals.supabase, {
			reporterId: user.id,
			target: toTarget(input),
			groupId: input.group_id || undefined,
			reason: input.reason
		});
		if (result === 'not_found') return refused(form, m.moderation_not_found(), 404);
		back(input.return_to, result, input.target_id, 'report');
	}
} satisfies Actions;
