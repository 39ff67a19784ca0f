import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { attachments } from '$lib/server/experiences';
import * as experiences from '$lib/server/experiences';
import { fieldFailure, formFailure, parse } from '$lib/server/forms';
import { groupAccess } from '$lib/server/groups';
import { announcePublished } from './announce.server';
import { canEdit, experiencePath, fromAccess } from './context';
import { arrays, experienceForm, type ExperienceForm } from './schema';

// The save action shared by /new and /[id]/edit: check the right again, parse the form, check
// every file by its content before anything is written (so a refused file stores nothing), save
// the report, then its attachments, and tell the group when it was just published.

type Event = RequestEvent<{ slug: string; id?: string }>;

const refusal: Record<attachments.Refusal, (name: string) => string> = {
	empty: (name) => m.experiences_file_empty({ name }),
	too_large: (name) => m.experiences_file_too_large({ name }),
	wrong_type: (name) => m.experiences_file_wrong_type({ name })
};

const toInput = (d: ExperienceForm, closedGroup: boolean): experiences.ExperienceInput => ({
	title: d.title,
	summary: d.summary,
	background: d.background,
	actions: d.actions,
	results: d.results,
	lessons: d.lessons,
	contactPerson: d.contact_person,
	organizationId: d.organization,
	periodStart: d.period_start,
	periodEnd: d.period_end,
	sdgGoals: d.sdg,
	sdgTargets: d.targets,
	// Sharing opens a closed group's report to everyone; an open group's are read by all anyway.
	sharedWithAll: closedGroup && d.shared
});

// The domain's field names, mapped back to the form's for the error message.
const formField: Partial<Record<keyof experiences.ExperienceInput, string>> = {
	contactPerson: 'contact_person',
	organizationId: 'organization',
	periodStart: 'period_start',
	periodEnd: 'period_end',
	sdgGoals: 'sdg',
	sdgTargets: 'targets'
};

/** Files picked in the form, each checked by content; a failure lists every refused file. */
async function inspectFiles(form: FormData) {
	const picked = form
		.getAll('attachments')
		.filter((v): v is File => v instanceof File && (v.size > 0 || v.name !== ''));
	const checked = await Promise.all(picked.map((file) => attachments.inspect(file)));
	const refused = checked.filter((c) => !c.ok);
	if (refused.length > 0) {
		return {
			ok: false as const,
			message: refused.map((r) => refusal[r.reason](r.filename)).join(' ')
		};
	}
	return { ok: true as const, files: checked.filter((c) => c.ok) };
}

async function rightsFor(event: Event) {
	const rights = fromAccess(await groupAccess(event));
	if (!event.params.id) {
		if (!rights.canCreate) error(403, m.experiences_not_allowed());
		return { rights, existing: null };
	}
	const existing = await experiences.get(event.locals.supabase, event.params.id);
	if (!existing || existing.groupId !== rights.group.id) error(404, m.experiences_not_found());
	if (!canEdit(rights, existing)) error(403, m.experiences_not_allowed());
	return { rights, existing };
}

export async function save(event: Event) {
	const { rights, existing } = await rightsFor(event);
	const form = await event.request.formData();
	const parsed = parse(experienceForm, form, arrays);
	if (!parsed.ok) return parsed.failure;
	const files = await inspectFiles(form);
	if (!files.ok) return fieldFailure(form, 'attachments', files.message);
	const input = toInput(parsed.data, rights.group.visibility === 'closed');
	const db = event.locals.supabase;
	const publish = parsed.data.intent === 'publish';
	const result = existing
		? await experiences.update(db, existing.id, input, { publish })
		: await experiences.create(db, rights.userId, rights.group.id, input, { publish });
	if (!result.ok) {
		if (result.reason === 'invalid') {
			return fieldFailure(form, formField[result.field] ?? result.field, m.field_invalid());
		}
		if (result.reason === 'unknown_organization') {
			return fieldFailure(form, 'organization', m.field_invalid());
		}
		return formFailure(form, m.experiences_not_saved(), result.reason === 'not_found' ? 404 : 403);
	}
	await attachments.remove(db, result.id, parsed.data.remove_attachment);
	for (const file of files.files) {
		const stored = await attachments.store(db, result.id, file, rights.userId);
		if (!stored.ok) return formFailure(form, m.experiences_attachment_not_saved(), 403);
	}
	if (result.published) await announcePublished(rights, result.id, input);
	const outcome = result.published ? 'published' : result.duplicate ? 'already_saved' : 'saved';
	redirect(303, `${experiencePath(rights.group.slug, result.id)}?saved=${outcome}`);
}
