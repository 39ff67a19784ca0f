import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { attachments } from '$lib/server/experiences';
import * as experiences from '$lib/server/experiences';
import { signedIn } from '$lib/server/groups';
import { canEdit, experiencePath, fromParent } from '../../context';
import { fromExperience } from '../../form-values';
import { formOptions } from '../../options.server';
import { save } from '../../save.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const rights = fromParent(await event.parent(), user);
	const db = event.locals.supabase;
	const experience = await experiences.get(db, event.params.id);
	if (!experience || experience.groupId !== rights.group.id) error(404, m.experiences_not_found());
	if (!canEdit(rights, experience)) error(403, m.experiences_not_allowed());
	const [files, options] = await Promise.all([
		attachments.listFor(db, experience.id),
		formOptions(db)
	]);
	return {
		title: m.experiences_edit_title({ title: experience.title }),
		experienceTitle: experience.title,
		published: experience.status === 'published',
		closedGroup: rights.group.visibility === 'closed',
		viewHref: experiencePath(rights.group.slug, experience.id),
		initial: fromExperience(experience),
		attachments: files,
		...options
	};
};

export const actions: Actions = { default: save };
