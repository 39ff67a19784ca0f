import * as agenda2030 from '$lib/server/agenda2030';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as experiences from '$lib/server/experiences';
import { signedIn } from '$lib/server/groups';

import { experiencePath, fromParent } from '../../../context';
import { renderSections } from '../../../sections.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const rights = fromParent(await event.parent(), user);
	const db = event.locals.supabase;
	const experience = await experiences.get(db, event.params.id);
	if (!experience || experience.groupId !== rights.group.id) error(404, m.experiences_not_found());
	const number = Number(event.params.revision);
	const revision = Number.isInteger(number)
		? await experiences.revision(db, experience.id, number)
		: null;
	if (!revision) error(404, m.experiences_not_found());
	const [goals, targets] = await Promise.all([
		agenda2030.goals(db, getLocale()),
		experiences.sdgTargets(db)
	]);
	return {
		title: m.experiences_revision_title({ n: revision.revision, title: revision.title }),
		revision,
		current: experience.revision,
		organization: experience.organization?.name ?? null,
		sections: renderSections(revision),
		goals,
		targets: targets.filter((t) => revision.sdgTargets.includes(t.id)),
		viewHref: experiencePath(rights.group.slug, experience.id)
	};
};
