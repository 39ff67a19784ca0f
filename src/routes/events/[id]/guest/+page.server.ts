import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { cleanParams } from '$lib/server/forms';
import { sql } from '$lib/server/platform';
import type { Actions, PageServerLoad } from './$types';

// A guest's own page, reached by the link in their e-mail: confirm (double opt-in), see where
// they stand, cancel. Confirming is a POST, so that a mail scanner opening the link confirms
// nothing. A forged or replaced token gets a clear message.
export const load: PageServerLoad = async ({ params, url }) => {
	const token = cleanParams(url.searchParams).get('token') ?? '';
	const found = await events.guests.status(sql(), token);
	const status = found && found.eventId === params.id ? found : null;
	return { title: m.meetings_guest_title(), token: status ? token : '', status };
};

const tokenOf = async (request: Request) => {
	const value = (await request.formData()).get('token');
	return typeof value === 'string' ? value : '';
};

export const actions = {
	confirm: async ({ request }) => {
		const result = await events.guests.confirm(sql(), await tokenOf(request));
		if (!result.ok) {
			const message =
				result.reason === 'deadline_passed'
					? m.meetings_refused_deadline()
					: m.meetings_guest_unknown();
			return fail(400, { message });
		}
		return { confirmed: result.status };
	},
	cancel: async ({ request }) => {
		if (!(await events.guests.cancel(sql(), await tokenOf(request)))) {
			return fail(400, { message: m.meetings_guest_unknown() });
		}
		return { cancelled: true };
	}
} satisfies Actions;
