import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { throttle } from '$lib/server/auth';
import { fields, parse } from '$lib/server/forms';
import * as newsletter from '$lib/server/newsletter';
import { tooManyAttempts } from '$lib/server/people';
import { clientOf, sql } from '$lib/server/platform';
import type { Actions, PageServerLoad } from './$types';

// The newsletter's public page: the archive of sent issues and the double opt-in form. A
// signed-in member's own opt-in (from the profile page) posts to `?/member` here.

export const load: PageServerLoad = async ({ locals }) => ({
	title: m.newsletter_title(),
	issues: await newsletter.issues.archive(locals.supabase),
	signedIn: locals.user !== null,
	// Administrators write the issues; their way there starts from the page they read.
	isAdmin: locals.user?.role === 'admin',
	locale: getLocale()
});

const subscribeSchema = z.object({
	email: fields.email(),
	locale: z.enum(['sv', 'en'], { error: () => m.field_invalid() })
});

const memberSchema = z.object({ subscribed: z.literal('on').optional() });

export const actions = {
	subscribe: async (event) => {
		const form = await event.request.formData();
		const parsed = parse(subscribeSchema, form);
		if (!parsed.ok) return parsed.failure;
		const { email, locale } = parsed.data;
		const { ip } = clientOf(event);
		const verdict = await throttle.hitAll(sql(), [
			throttle.perIp('newsletter', ip, throttle.limits.mailPerIp),
			...throttle.recipient(email, ip)
		]);
		if (!verdict.allowed) return tooManyAttempts(event, form, verdict.retryAfterSeconds);
		const asked = await newsletter.subscriptions.request(sql(), email, locale);
		if (asked.status === 'sent') {
			await newsletter.mails.sendConfirmation(sql(), email, asked.token, locale);
		}
		// The same answer either way: the form does not tell who subscribes already.
		return { subscribed: true };
	},
	member: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login?returnTo=/profile');
		const parsed = parse(memberSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		if (!locals.user.emailVerified) redirect(303, '/profile?newsletter=unverified#newsletter');
		await newsletter.subscriptions.setMember(
			sql(),
			{ id: locals.user.id, locale: getLocale() },
			parsed.data.subscribed === 'on'
		);
		redirect(303, '/profile?newsletter=saved#newsletter');
	}
} satisfies Actions;
