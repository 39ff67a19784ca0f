import * as agenda2030 from '$lib/server/agenda2030';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { sessions, twoFactor } from '$lib/server/auth';
import * as newsletter from '$lib/server/newsletter';
import { sql } from '$lib/server/platform';
import { fieldFailure, formFailure, parse } from '$lib/server/forms';
import { accounts as credentials, profiles } from '$lib/server/people';
import * as sso from '$lib/server/sso';
import { email, endOtherSessions, endSession, password, setPassword } from './account-actions';
import { failed, signedIn } from './guard';
import * as schemas from './schemas';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, session } = signedIn(locals);
	const [profile, account, organizations, goals, active, security, subscribed, login] =
		await Promise.all([
			profiles.get(locals.supabase, user.id),
			profiles.account(locals.supabase, user.id),
			profiles.organizationGroups(locals.supabase),
			agenda2030.goals(locals.supabase, getLocale()),
			sessions.listFor(sql(), user.id, session.id),
			twoFactor.status(sql(), user.id),
			newsletter.subscriptions.isMemberSubscribed(sql(), user.id),
			signInMethod(user.id, session.id)
		]);
	if (!profile || !account) error(404, m.error_not_found());
	return {
		title: m.profile_title(),
		profile,
		account,
		organizations,
		goals,
		twoFactorEnabled: security.enabled,
		login,
		reauthenticated: url.searchParams.has('reauthenticated'),
		newsletter: subscribed,
		// This device first, then the others by when they were last used.
		sessions: [...active.filter((s) => s.current), ...active.filter((s) => !s.current)].map(
			(s) => ({
				id: s.id,
				current: s.current,
				createdAt: s.createdAt,
				lastUsedAt: s.lastUsedAt,
				device: profiles.device(s.userAgent)
			})
		)
	};
};

/** Whether the person has a password, or signs in only through their organization's provider. */
async function signInMethod(userId: string, sessionId: string) {
	if (await credentials.hasPassword(sql(), userId)) return { password: true, provider: null };
	const provider = await sso.reauthProvider(sql(), userId, sessionId);
	return { password: false, provider: provider?.name ?? null };
}

// The domain names two fields differently from the form.
const formField: Partial<Record<keyof profiles.ProfileDetails, string>> = {
	organizationId: 'organization',
	sdgInterests: 'sdg'
};

async function details({ request, locals }: RequestEvent) {
	const { user } = signedIn(locals);
	const form = await request.formData();
	const parsed = parse(schemas.details, form, ['sdg']);
	if (!parsed.ok) return failed('details', parsed.failure);
	const input = parsed.data;
	const result = await profiles.update(locals.supabase, user.id, {
		name: input.name,
		title: input.title,
		organizationId: input.organization,
		bio: input.bio,
		expertise: input.expertise,
		sdgInterests: input.sdg
	});
	if (!result.ok) {
		if (result.reason === 'unknown_organization') {
			return failed('details', fieldFailure(form, 'organization', m.field_invalid()));
		}
		if (result.reason === 'invalid') {
			const field = formField[result.field] ?? result.field;
			return failed('details', fieldFailure(form, field, m.field_invalid()));
		}
		return failed('details', formFailure(form, m.profile_not_saved()));
	}
	return { section: 'details' as const, saved: true };
}

async function notifications({ request, locals }: RequestEvent) {
	const { user } = signedIn(locals);
	const form = await request.formData();
	const parsed = parse(schemas.notifications, form);
	if (!parsed.ok) return failed('notifications', parsed.failure);
	const saved = await profiles.updateNotifications(locals.supabase, user.id, {
		notifyEmail: parsed.data.notify_email,
		notifyInApp: parsed.data.notify_in_app
	});
	if (!saved) return failed('notifications', formFailure(form, m.profile_not_saved()));
	return { section: 'notifications' as const, saved: true };
}

export const actions = {
	details,
	notifications,
	email,
	password,
	setPassword,
	endSession,
	endOtherSessions
} satisfies Actions;
