import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as discussions from '$lib/server/discussions';
import { parse } from '$lib/server/forms';
import { groupAccess, signedIn } from '$lib/server/groups';
import { discussionsPath, rights } from '../access';
import { parseFailed, refusedForm } from '../outcome';
import * as schemas from '../schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const r = rights(await event.parent(), user);
	// Only members write; everyone else goes back to the list, which says why.
	if (!r.canPost) redirect(303, discussionsPath(r.group.slug));
	return { title: m.discussions_new_title(), group: r.group };
};

export const actions = {
	default: async (event) => {
		const access = await groupAccess(event);
		if (!access.canRead) error(404, m.discussions_not_found());
		const form = await event.request.formData();
		const parsed = parse(schemas.newThread, form);
		if (!parsed.ok) return parseFailed(parsed.failure, 'thread');
		const actor = { id: access.user.id, isAdmin: access.user.role === 'admin' };
		const result = await discussions.createThread(event.locals.supabase, actor, {
			group: { id: access.group.id, slug: access.group.slug },
			...parsed.data
		});
		if (!result.ok) return refusedForm(form, 'thread', result);
		const done = result.duplicate ? 'duplicate' : 'thread';
		redirect(
			303,
			`${discussionsPath(access.group.slug)}/${result.id}?done=${done}&post=${result.id}`
		);
	}
} satisfies Actions;
