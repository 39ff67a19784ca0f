import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fieldFailure, fields, parse } from '$lib/server/forms';
import { safeReturnTo, sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { refusalMessage } from './refusals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnTo(url.searchParams.get('returnTo'), '/profile'));
	return {
		title: m.accounts_sso_title(),
		refusal: refusalMessage(url.searchParams.get('error')),
		returnTo: safeReturnTo(url.searchParams.get('returnTo'), '')
	};
};

const schema = z.object({ email: fields.email() });

// Finds the organization for the address; the page then offers the link that starts the
// sign-in (see start/+server.ts for why it is a link).
export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const provider = await sso.providers.forEmail(sql(), parsed.data.email);
		if (!provider) return fieldFailure(form, 'email', m.accounts_sso_no_provider());
		return { email: parsed.data.email, organization: provider.name };
	}
};
