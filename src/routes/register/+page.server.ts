import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as accounts from '$lib/server/accounts';
import { CHECK_EMAIL_COOKIE, setSessionCookie } from '$lib/server/auth/cookie';
import { sql } from '$lib/server/db';
import * as fields from '$lib/server/forms/fields';
import { fieldFailure, parse, tooManyRequests } from '$lib/server/forms/parse';
import * as throttle from '$lib/server/auth/throttle';
import * as organizations from '$lib/server/organizations';
import { clientOf } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/profile');
	return { title: m.register_title(), organizations: await organizations.choices(locals.supabase) };
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
		const client = clientOf(event);
		const verdict = await throttle.hit(
			sql(),
			`register:ip:${client.ip}`,
			throttle.limits.registerPerAddress
		);
		if (!verdict.allowed) return tooManyRequests(form, verdict.retryAfterSeconds);
		const { name, email, password, organization } = parsed.data;
		const organizationId = (await organizations.bySlug(event.locals.supabase, organization))?.id;
		if (!organizationId)
			return fieldFailure(form, 'organization', m.register_organization_unknown());
		const result = await accounts.register(
			sql(),
			{ name, email, password, organizationId },
			client
		);
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
