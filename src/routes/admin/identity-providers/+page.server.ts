import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import { organizations } from '$lib/server/people';
import { sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import { saveProvider } from './provider-form';
import { requireRecentAuth } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

// Provider settings are out of every REST role's reach, so they are read with the privileged
// driver; requireAdmin is what keeps everyone else out. The client secret is never loaded.
export const load: PageServerLoad = async (event) => {
	admin.requireAdmin(event);
	return {
		title: m.accounts_idp_title(),
		providers: await sso.providers.list(sql()),
		organizations: await organizations.choices(event.locals.supabase),
		callback: `${event.url.origin}${sso.CALLBACK_PATH}`,
		afterLogout: `${event.url.origin}/login?loggedOut=1`
	};
};

export const actions: Actions = {
	default: async (event) => {
		admin.requireAdmin(event);
		await requireRecentAuth(event);
		return saveProvider(event);
	}
};
