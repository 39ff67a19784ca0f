import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { accounts, tooManyAttempts, organizations } from '$lib/server/people';
import { CHECK_EMAIL_COOKIE, setSessionCookie } from '$lib/server/auth';
import { sql, clientOf } from '$lib/server/platform';
import { cleanParams, fields, fieldFailure, parse } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

// An invitation's link carries the invited address (?email=…); anything else is ignored.
const invited = fields.email();

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, '/profile');
	const email = invited.safeParse(cleanParams(url.searchParams).get('email') ?? '');
	return {
		title: m.register_title(),
		organizations: await organizations.choices(locals.supabase),
		invitedEmail: email.success ? email.data : null
	};
};

const schema = z
	.object({
		name: fields.text(120),
		email: fields.email(),
		password: z.string({ error: () => m.field_required() }),
		organization: fields.slug()
	})
	.superRefine((input, ctx) => {
		const check = fields.newPassword(() => [input.name, input.email]).safeParse(input.password);
		if (!check.success)
			ctx.addIssue({ code: 'custom', path: ['password'], message: check.error.issues[0]!.message });
	});

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const { name, email, password, organization } = parsed.data;
		const organizationId = (await organizations.bySlug(event.locals.supabase, organization))?.id;
		if (!organizationId)
			return fieldFailure(form, 'organization', m.register_organization_unknown());
		const result = await accounts.register(
			sql(),
			{ name, email, password, organizationId },
			clientOf(event)
		);
		if (result.kind === 'throttled') return tooManyAttempts(event, form, result.retryAfterSeconds);
		if (result.kind === 'created')
			setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		// The same next page either way: whether the address already had an account stays private.
		event.cookies.set(CHECK_EMAIL_COOKIE, email, {
			path: '/register/check-email',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 600,
			secure: event.url.protocol === 'https:'
		});
		redirect(303, '/register/check-email');
	}
};
