import * as agenda2030 from '$lib/server/agenda2030';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as experiences from '$lib/server/experiences';
import { plainText } from '$lib/server/platform';
import { signedIn } from '$lib/server/groups';

import { fromParent } from './context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const rights = fromParent(await event.parent(), user);
	// RLS returns what this person may see: for a non-member of a closed group, only the
	// reports the group shared with all members.
	const page = Math.max(1, Number(event.url.searchParams.get('page')) || 1);
	const db = event.locals.supabase;
	const [published, drafts, goals] = await Promise.all([
		experiences.listForGroup(db, rights.group.id, { status: 'published', page }),
		experiences.listForGroup(db, rights.group.id, { status: 'draft', pageSize: 100 }),
		agenda2030.goals(db, getLocale())
	]);
	// The list shows the summary as plain text: a preview, not the report.
	const preview = (list: experiences.ExperiencePage) =>
		list.items.map((e) => ({ ...e, summary: plainText(e.summary, 300) }));
	return {
		title: m.experiences_title({ group: rights.group.name }),
		slug: rights.group.slug,
		canRead: rights.canRead,
		canCreate: rights.canCreate,
		published: preview(published),
		drafts: preview(drafts),
		page,
		pages: Math.max(1, Math.ceil(published.total / experiences.PAGE_SIZE)),
		goals
	};
};
