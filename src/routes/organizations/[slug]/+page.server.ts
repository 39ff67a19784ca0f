import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as activity from '$lib/server/activity';
import { uses } from '$lib/server/documents';
import { organizations } from '$lib/server/people';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organization = await organizations.bySlug(locals.supabase, params.slug);
	if (!organization) error(404, m.organizations_not_found());
	// People are not public: anonymous visitors get a note to log in instead.
	const [people, used, work] = await Promise.all([
		locals.user ? organizations.people(locals.supabase, organization.id) : null,
		uses.ofOrganization(locals.supabase, organization.id),
		locals.user ? activity.ofOrganization(locals.supabase, organization.id) : null
	]);
	return { title: organization.name, organization, people, used, work };
};
