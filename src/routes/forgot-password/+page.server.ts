import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as accounts from '$lib/server/accounts';
import { sql } from '$lib/server/db';
import * as fields from '$lib/server/forms/fields';
import { parse, tooManyRequests } from '$lib/server/forms/parse';
import { clientOf } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ title: m.forgot_title() });

const schema = z.object({ email: fields.email() });

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const result = await accounts.requestPasswordReset(sql(), parsed.data.email, clientOf(event));
		if (result === 'throttled') return tooManyRequests(form, 60 * 60);
		return { sentTo: parsed.data.email };
	}
};
