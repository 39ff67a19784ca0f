import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { signedIn } from '$lib/server/groups';
import { experiencesPath, fromParent } from '../context';
import { blank } from '../form-values';
import { formOptions } from '../options.server';
import { save } from '../save.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const rights = fromParent(await event.parent(), user);
	if (!rights.canCreate) error(403, m.experiences_not_allowed());
	return {
		title: m.experiences_new_title(),
		slug: rights.group.slug,
		closedGroup: rights.group.visibility === 'closed',
		listHref: experiencesPath(rights.group.slug),
		initial: blank(user.organizationId),
		...(await formOptions(event.locals.supabase))
	};
};

export const actions: Actions = { default: save };
