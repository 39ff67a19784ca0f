import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as discussions from '$lib/server/discussions';
import { signedIn } from '$lib/server/groups';
import { rights } from '../access';
import { answer, edit, pin, remove, reply } from './actions';
import { DONE, type Done } from './done';
import type { Actions, PageServerLoad } from './$types';

/** The post being edited in place (`?edit=<id>`), when it is the reader's own and still there. */
function editTarget(t: discussions.Thread, id: string | null, userId: string): string | null {
	if (!id) return null;
	const post = t.id === id ? t : t.replies.find((r) => r.id === id);
	return post && !post.deleted && post.author.id === userId ? id : null;
}

/** The reply being quoted in the reply form (`?quote=<id>`). */
function quoteTarget(t: discussions.Thread, id: string | null) {
	const quoted = id ? t.replies.find((r) => r.id === id && !r.deleted) : undefined;
	if (!quoted) return null;
	return { id: quoted.id, authorName: quoted.author.name };
}

// Markdown sources stay on the server except the one the edit form needs.
function withoutSources(t: discussions.Thread, editing: string | null) {
	const strip = <P extends discussions.Post>(p: P): P => ({
		...p,
		body: p.id === editing ? p.body : ''
	});
	return { ...strip(t), replies: t.replies.map(strip) };
}

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const r = rights(await event.parent(), user);
	if (!r.canRead) {
		return {
			title: m.discussions_title({ group: r.group.name }),
			restricted: true as const,
			slug: r.group.slug
		};
	}
	const t = await discussions.thread(event.locals.supabase, event.params.id);
	if (!t || t.groupId !== r.group.id) error(404, m.discussions_not_found());
	const q = event.url.searchParams;
	const editing = editTarget(t, q.get('edit'), user.id);
	const done = q.get('done');
	return {
		title: t.title,
		restricted: false as const,
		slug: r.group.slug,
		thread: withoutSources(t, editing),
		quote: t.deleted ? null : quoteTarget(t, q.get('quote')),
		editing,
		done: done && done in DONE ? { what: done as Done, post: q.get('post') } : null,
		userId: user.id,
		can: {
			post: r.canPost && !t.deleted,
			moderate: r.canModerate,
			markAnswer: r.canModerate || (t.author.id !== null && t.author.id === user.id)
		}
	};
};

export const actions = { reply, edit, remove, answer, pin } satisfies Actions;
