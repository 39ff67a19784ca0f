import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as moderation from '$lib/server/moderation';
import { settleFromForm } from '$lib/server/moderation';
import type { Actions, PageServerLoad } from './$types';

// The group's moderation queue, for its coordinators and administrators. The group layout
// also says `canModerate`, but this page checks for itself in its load and its action.

async function moderatedGroup(locals: App.Locals, slug: string) {
	const user = locals.user;
	if (!user) redirect(303, `/login?returnTo=${encodeURIComponent(`/groups/${slug}/moderation`)}`);
	const group = await moderation.groupBySlug(locals.supabase, slug);
	if (!group) error(404, m.error_not_found());
	if (!(await moderation.canModerate(locals.supabase, user, group.id))) {
		error(403, m.moderation_only_moderators());
	}
	return { user, group };
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { group } = await moderatedGroup(locals, params.slug);
	return {
		title: `${m.moderation_group_title()} – ${group.name}`,
		moderationGroup: group,
		queue: await moderation.queue(locals.supabase, group.id)
	};
};

export const actions = {
	settle: async ({ locals, params, request }) => {
		const { user, group } = await moderatedGroup(locals, params.slug);
		return settleFromForm(locals, await request.formData(), user, group.id);
	}
} satisfies Actions;
