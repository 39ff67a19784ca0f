import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { formFailure, parse, fields } from '$lib/server/forms';
import { emit } from '$lib/server/notifications';
import { sql } from '$lib/server/platform';
import * as research from '$lib/server/research';
import { comments, goals, files as researchFiles, links, suggestGoals } from '$lib/server/research';
import type { Actions, RequestEvent } from './$types';

// What people do on a research record's page. Each action checks again who may do it; RLS
// has the last word on every write.

const id = z.uuid({ error: () => m.research_not_found() });
const schemas = {
	decideGoal: z.object({ link: id, decision: z.enum(['confirmed', 'rejected']) }),
	propose: z.object({
		target: z.string({ error: () => m.research_link_target_required() }).min(1, {
			error: () => m.research_link_target_required()
		}),
		note: z
			.string()
			.trim()
			.max(1000, { error: () => m.field_too_long({ max: 1000 }) })
			.default('')
	}),
	decideLink: z.object({ link: id, decision: z.enum(['confirmed', 'declined']) }),
	comment: z.object({ body: fields.text(5000) }),
	removeComment: z.object({ comment: id }),
	removeFile: z.object({ file: id })
};

const fileRefusals = {
	empty: () => m.research_file_empty(),
	too_large: () => m.research_file_too_large(),
	wrong_type: () => m.research_file_wrong_type(),
	not_allowed: () => m.research_not_allowed()
};

async function context(event: RequestEvent, edit = false) {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?returnTo=${encodeURIComponent(event.url.pathname)}`);
	const record = await research.get(event.locals.supabase, event.params.id ?? '');
	if (!record) error(404, m.research_not_found());
	const canEdit = record.createdBy === user.id || user.role === 'admin';
	if (edit && !canEdit) error(403, m.research_not_allowed());
	return { user, record, db: event.locals.supabase };
}

export const actions = {
	suggest: async (event) => {
		const { record, db } = await context(event, true);
		const suggestions = suggestGoals(record).filter(
			(s) => !record.sdg.some((l) => l.goal === s.goal)
		);
		const added = await goals.suggest(db, record.id, suggestions);
		return { suggested: added };
	},
	decideGoal: async (event) => {
		const { user, record, db } = await context(event, true);
		const parsed = parse(schemas.decideGoal, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const done = await goals.decide(db, record.id, parsed.data.link, parsed.data.decision, user.id);
		if (!done) error(403, m.research_not_allowed());
		return { decided: parsed.data.decision };
	},
	propose: async (event) => {
		const { user, record, db } = await context(event);
		const form = await event.request.formData();
		const parsed = parse(schemas.propose, form);
		if (!parsed.ok) return parsed.failure;
		const target = await links.parseTarget(db, parsed.data.target);
		if (!target) return formFailure(form, m.research_link_target_required());
		const result = await links.propose(db, user.id, record.id, target, parsed.data.note);
		if (!result.ok)
			return formFailure(
				form,
				result.reason === 'already_linked' ? m.research_link_exists() : m.research_not_allowed(),
				result.reason === 'already_linked' ? 409 : 403
			);
		await emit(sql(), {
			kind: 'research_link_proposed',
			groupId: target.groupId,
			actorId: user.id,
			title: record.title,
			link: `/research/${record.id}#links`,
			to: record.createdBy ? [record.createdBy] : []
		});
		return { proposed: true };
	},
	decideLink: async (event) => {
		const { user, record, db } = await context(event);
		const parsed = parse(schemas.decideLink, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const link = await links.decide(db, parsed.data.link, parsed.data.decision, user.id);
		if (!link) return fail(403, { message: m.research_not_allowed() });
		if (link.proposedBy) {
			await emit(sql(), {
				kind: 'research_link_decided',
				groupId: link.group?.id ?? null,
				actorId: user.id,
				title: record.title,
				link: links.targetPath(link),
				to: [link.proposedBy]
			});
		}
		return { linkDecided: parsed.data.decision };
	},
	comment: async (event) => {
		const { user, record, db } = await context(event);
		const form = await event.request.formData();
		const parsed = parse(schemas.comment, form);
		if (!parsed.ok) return parsed.failure;
		if (!(await comments.add(db, user.id, record.id, parsed.data.body)))
			return formFailure(form, m.research_not_allowed(), 403);
		return { commented: true };
	},
	removeComment: async (event) => {
		const { db } = await context(event);
		const parsed = parse(schemas.removeComment, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		if (!(await comments.remove(db, parsed.data.comment))) error(403, m.research_not_allowed());
		return { commentRemoved: true };
	},
	attach: async (event) => {
		const { user, record, db } = await context(event, true);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { fileError: m.research_file_empty() });
		const stored = await researchFiles.store(db, record.id, file, user.id);
		if (!stored.ok) return fail(400, { fileError: fileRefusals[stored.reason]() });
		return { attached: file.name };
	},
	removeFile: async (event) => {
		const { record, db } = await context(event, true);
		const parsed = parse(schemas.removeFile, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		await researchFiles.remove(db, record.id, parsed.data.file);
		return { fileRemoved: true };
	},
	delete: async (event) => {
		const { record, db } = await context(event, true);
		await research.remove(db, record.id);
		redirect(303, '/research?removed=1');
	}
} satisfies Actions;
