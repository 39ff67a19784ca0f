import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as discussions from '$lib/server/discussions';
import { parse } from '$lib/server/forms';
import { groupAccess } from '$lib/server/groups';
import { discussionsPath } from '../access';
import { parseFailed, refusedForm } from '../outcome';
import * as schemas from '../schemas';
import type { Done } from './done';

// The thread page's actions. Each checks the person and the group again (the layout's data is
// not there for actions), then the discussions module and RLS decide.

type Event = RequestEvent<{ slug: string; id: string }>;

async function context(event: Event) {
	const access = await groupAccess(event);
	if (!access.canRead) error(404, m.discussions_not_found());
	return {
		db: event.locals.supabase,
		actor: { id: access.user.id, isAdmin: access.user.role === 'admin' },
		group: { id: access.group.id, slug: access.group.slug },
		path: `${discussionsPath(access.group.slug)}/${event.params.id}`,
		form: await event.request.formData()
	};
}

/** Back to the thread (never a resubmittable POST result), announcing what happened at the post. */
function done(path: string, what: Done, post: string, anchor: string): never {
	redirect(303, `${path}?done=${what}&post=${post}#${anchor}`);
}

export async function reply(event: Event) {
	const c = await context(event);
	const parsed = parse(schemas.reply, c.form);
	if (!parsed.ok) return parseFailed(parsed.failure, 'reply');
	const result = await discussions.reply(c.db, c.actor, {
		group: c.group,
		threadId: event.params.id,
		body: parsed.data.body,
		quotedReplyId: parsed.data.quoted_reply_id
	});
	if (!result.ok) return refusedForm(c.form, 'reply', result);
	done(c.path, result.duplicate ? 'duplicate' : 'reply', result.id, `reply-${result.id}`);
}

export async function edit(event: Event) {
	const c = await context(event);
	const parsed = parse(schemas.edit, c.form);
	const target = String(c.form.get('target') ?? '');
	if (!parsed.ok) return parseFailed(parsed.failure, 'edit', target);
	const input = parsed.data;
	const result =
		input.kind === 'thread'
			? await discussions.editThread(c.db, c.actor, { group: c.group, id: input.target, ...input })
			: await discussions.editReply(c.db, c.actor, { group: c.group, id: input.target, ...input });
	if (!result.ok) return refusedForm(c.form, 'edit', result, input.target);
	done(c.path, 'edited', input.target, `${input.kind}-${input.target}`);
}

export async function remove(event: Event) {
	const c = await context(event);
	const parsed = parse(schemas.remove, c.form);
	if (!parsed.ok) return parseFailed(parsed.failure, 'tools');
	const { kind, target } = parsed.data;
	const removal = { group: c.group, id: target };
	const result =
		kind === 'thread'
			? await discussions.deleteThread(c.db, c.actor, removal)
			: await discussions.deleteReply(c.db, c.actor, removal);
	if (!result.ok) return refusedForm(c.form, 'tools', result, target);
	done(c.path, 'deleted', target, `${kind}-${target}`);
}

export async function answer(event: Event) {
	const c = await context(event);
	const parsed = parse(schemas.answer, c.form);
	if (!parsed.ok) return parseFailed(parsed.failure, 'tools');
	const { target } = parsed.data;
	const mark = parsed.data.answer === 'true';
	const result = await discussions.markAnswer(c.db, c.actor, {
		group: c.group,
		replyId: target,
		answer: mark
	});
	if (!result.ok) return refusedForm(c.form, 'tools', result, target);
	done(c.path, mark ? 'answer' : 'unanswer', target, `reply-${target}`);
}

export async function pin(event: Event) {
	const c = await context(event);
	const parsed = parse(schemas.pin, c.form);
	const threadId = event.params.id;
	if (!parsed.ok) return parseFailed(parsed.failure, 'tools', threadId);
	const pinned = parsed.data.pinned === 'true';
	const result = await discussions.pin(c.db, c.actor, { group: c.group, threadId, pinned });
	if (!result.ok) return refusedForm(c.form, 'tools', result, threadId);
	done(c.path, pinned ? 'pinned' : 'unpinned', threadId, `thread-${threadId}`);
}
