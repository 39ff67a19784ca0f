import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import * as audit from '$lib/server/audit';
import { parse } from '$lib/server/forms';
import { organizations } from '$lib/server/people';
import { sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { saveProvider } from '../provider-form';
import { requireRecentAuth } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	admin.requireAdmin(event);
	const provider = await sso.providers.get(sql(), event.params.id);
	if (!provider) error(404, m.accounts_idp_not_found());
	const choices = await organizations.choices(event.locals.supabase);
	return {
		title: m.accounts_idp_edit_title(),
		provider,
		organizations: choices,
		slug: choices.find((o) => o.id === provider.organization.id)?.slug ?? ''
	};
};

const confirmSchema = z.object({
	confirm: z.literal('yes', { error: () => m.accounts_idp_confirm_required() })
});

export const actions: Actions = {
	save: async (event) => {
		admin.requireAdmin(event);
		await requireRecentAuth(event);
		return saveProvider(event, event.params.id);
	},
	delete: async (event) => {
		admin.requireAdmin(event);
		await requireRecentAuth(event);
		const parsed = parse(confirmSchema, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const provider = await sso.providers.get(sql(), event.params.id);
		if (!provider || !(await sso.providers.remove(sql(), provider.id))) {
			error(404, m.accounts_idp_not_found());
		}
		await audit.record(sql(), {
			...audit.origin(event),
			action: 'idp.deleted',
			subject: { type: 'identity_provider', id: provider.id, label: provider.organization.name },
			details: { issuer: provider.issuer }
		});
		redirect(303, '/admin/identity-providers?deleted=1');
	}
};
