import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { clearSessionCookie, requireRecentAuth } from '$lib/server/auth';
import * as mydata from '$lib/server/mydata';
import { tooManyAttempts } from '$lib/server/people';
import { sql } from '$lib/server/platform';
import { formFailure, parse } from '$lib/server/forms';
import { signedIn } from '../guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { user } = signedIn(locals);
	return {
		title: m.mydata_title(),
		latest: await mydata.exports.latest(sql(), user.id),
		days: mydata.exports.EXPORT_DAYS
	};
};

const deleteSchema = z.object({
	content: z.enum(['keep', 'remove']).default('keep'),
	confirm: z.literal('yes', { error: () => m.mydata_delete_confirm_required() })
});

export const actions: Actions = {
	export: async (event) => {
		const { user } = signedIn(event.locals);
		const result = await mydata.exports.request(sql(), user.id);
		// AUDIT: audit.record('data.exported', { actor: user.id, target: user.id })
		if (result.kind === 'throttled') {
			return tooManyAttempts(event, new FormData(), result.retryAfterSeconds);
		}
		return { requested: result.kind };
	},
	delete: async (event) => {
		const { user } = signedIn(event.locals);
		await requireRecentAuth(event);
		const form = await event.request.formData();
		const parsed = parse(deleteSchema, form);
		if (!parsed.ok) return parsed.failure;
		const removeContent = parsed.data.content === 'remove';
		// AUDIT: audit.record('account.deleted', { actor: user.id, target: user.id, removeContent })
		if (!(await mydata.erase(sql(), user.id, { removeContent }))) {
			return formFailure(form, m.profile_not_saved());
		}
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/account-deleted');
	}
};
