import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as experiences from '$lib/server/experiences';
import { signedIn } from '$lib/server/groups';
import { experiencePath, fromParent } from '../../context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const rights = fromParent(await event.parent(), user);
	const db = event.locals.supabase;
	const experience = await experiences.get(db, event.params.id);
	if (!experience || experience.groupId !== rights.group.id) error(404, m.experiences_not_found());
	return {
		title: m.experiences_history_title({ title: experience.title }),
		experienceTitle: experience.title,
		viewHref: experiencePath(rights.group.slug, experience.id),
		revisions: await experiences.history(db, experience.id)
	};
};
