import * as agenda2030 from '$lib/server/agenda2030';
import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { attachments } from '$lib/server/experiences';
import * as experiences from '$lib/server/experiences';
import { groupAccess, signedIn } from '$lib/server/groups';

import { radar, links as researchLinks } from '$lib/server/research';
import { announcePublished } from '../announce.server';
import { canEdit, experiencePath, fromAccess, fromParent } from '../context';
import { renderSections } from '../sections.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const outcomes = ['saved', 'published', 'already_saved', 'already_published', 'shared', 'unshared'];

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const rights = fromParent(await event.parent(), user);
	const db = event.locals.supabase;
	const experience = await experiences.get(db, event.params.id);
	if (!experience || experience.groupId !== rights.group.id) error(404, m.experiences_not_found());
	const published = experience.status === 'published';
	const [files, goals, targets, hits, linked] = await Promise.all([
		attachments.listFor(db, experience.id),
		agenda2030.goals(db, getLocale()),
		experiences.sdgTargets(db),
		published ? radar.forSubject(db, { experience: experience.id }, 5) : [],
		published
			? researchLinks.forTarget(db, {
					kind: 'experience',
					groupId: experience.groupId,
					experienceId: experience.id
				})
			: []
	]);
	const outcome = event.url.searchParams.get('saved');
	return {
		title: experience.title,
		slug: rights.group.slug,
		experience,
		sections: renderSections(experience),
		attachments: files,
		goals,
		targets: targets.filter((t) => experience.sdgTargets.includes(t.id)),
		closedGroup: rights.group.visibility === 'closed',
		canEdit: canEdit(rights, experience),
		canModerate: rights.canModerate,
		// Filing a report needs read access to the group (RLS): not for a shared report's outsiders.
		canReport: rights.canRead && experience.author?.id !== user.id,
		outcome: outcome && outcomes.includes(outcome) ? outcome : null,
		radar: { hits, linked, canPropose: rights.canRead }
	};
};

/** The report for an action, after checking again that this person may change it. */
async function editable(event: RequestEvent) {
	const rights = fromAccess(await groupAccess(event));
	const experience = await experiences.get(event.locals.supabase, event.params.id);
	if (!experience || experience.groupId !== rights.group.id) error(404, m.experiences_not_found());
	if (!canEdit(rights, experience)) error(403, m.experiences_not_allowed());
	return { rights, experience };
}

export const actions = {
	publish: async (event) => {
		const { rights, experience } = await editable(event);
		if (!experience.summary.trim()) error(400, m.experiences_summary_required());
		const outcome = await experiences.publish(event.locals.supabase, experience.id);
		if (outcome === 'not_found') error(404, m.experiences_not_found());
		const link = experiencePath(rights.group.slug, experience.id);
		if (outcome === 'published') await announcePublished(rights, experience.id, experience);
		redirect(303, `${link}?saved=${outcome}`);
	},
	share: async (event) => {
		const { rights, experience } = await editable(event);
		if (rights.group.visibility !== 'closed') error(400, m.experiences_share_open_group());
		const share = (await event.request.formData()).get('share') === 'on';
		const saved = await experiences.setShared(event.locals.supabase, experience.id, share);
		if (!saved) error(403, m.experiences_not_allowed());
		redirect(
			303,
			`${experiencePath(rights.group.slug, experience.id)}?saved=${share ? 'shared' : 'unshared'}`
		);
	}
} satisfies Actions;
