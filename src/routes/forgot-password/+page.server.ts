import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { accounts, tooManyAttempts } from '$lib/server/people';
import { sql, clientOf } from '$lib/server/platform';
import { fields, parse } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ title: m.forgot_title() });

const schema = z.object({ email: fields.email() });

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const result = await accounts.requestPasswordReset(sql(), parsed.data.email, clientOf(event));
		if (result.kind === 'throttled') return tooManyAttempts(event, form, result.retryAfterSeconds);
		return { sentTo: parsed.data.email };
	}
};
