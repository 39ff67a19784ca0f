import * as agenda2030 from '$lib/server/agenda2030';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { render } from '$lib/server/platform';

import * as research from '$lib/server/research';
import { comments, files as researchFiles, links, radar } from '$lib/server/research';
import { actions as researchActions } from './actions.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = locals.supabase;
	const record = await research.get(db, params.id);
	if (!record) error(404, m.research_not_found());
	const user = locals.user;
	const canEdit = user !== null && (record.createdBy === user.id || user.role === 'admin');
	const [goals, linkList, commentList, choices, audience, targets, fileList] = await Promise.all([
		agenda2030.goals(db, getLocale()),
		links.forResearch(db, record.id),
		user ? comments.list(db, record.id) : [],
		user ? links.choicesFor(db, user.id) : [],
		canEdit ? radar.audience(db, record.id) : [],
		research.targetTexts(db, record.targets),
		researchFiles.list(db, record.id)
	]);
	return {
		title: record.title,
		research: record,
		abstractHtml: render(record.abstract),
		goals,
		targets,
		links: linkList.map((l) => ({
			...l,
			href: links.targetPath(l),
			canDecide: canDecide(l, user, canEdit)
		})),
		comments: commentList,
		files: fileList,
		choices,
		audience,
		canEdit,
		signedIn: user !== null,
		userId: user?.id ?? null
	};
};

// Shown as a hint only: the database decides (erfa.decidable_research_links()).
function canDecide(link: links.ResearchLink, user: { id: string } | null, canEdit: boolean) {
	return link.status === 'proposed' && user !== null && link.proposedBy !== user.id && canEdit;
}

export const actions = researchActions;
