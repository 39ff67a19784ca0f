import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { clearSessionCookie, requireRecentAuth } from '$lib/server/auth';
import * as mydata from '$lib/server/mydata';
import { tooManyAttempts } from '$lib/server/people';
import { sql } from '$lib/server/platform';
import { formFailure, parse } from '$lib/server/forms';
import { signedIn } from '../guard';
import * as audit from '$lib/server/audit';
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
		if (result.kind === 'throttled') {
			return tooManyAttempts(event, new FormData(), result.retryAfterSeconds);
		}
		const subject = { type: 'user', id: user.id };
		await audit.record(sql(), { ...audit.origin(event), action: 'data.exported', subject });
		return { requested: result.kind };
	},
	delete: async (event) => {
		const { user } = signedIn(event.locals);
		await requireRecentAuth(event);
		const form = await event.request.formData();
		const parsed = parse(deleteSchema, form);
		if (!parsed.ok) return parsed.failure;
		const removeContent = parsed.data.content === 'remove';
		if (!(await mydata.erase(sql(), user.id, { removeContent }))) {
			return formFailure(form, m.profile_not_saved());
		}
		// Recorded after the erasure, so the entry's actor is no longer a person: by design the
		// trail keeps who it was by id and name (no foreign key), not their profile.
		await audit.record(sql(), {
			...audit.origin(event),
			action: 'account.deleted',
			subject: { type: 'user', id: user.id },
			details: { removeContent, byThemselves: true }
		});
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/account-deleted');
	}
};
