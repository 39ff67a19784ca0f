import * as agenda2030 from '$lib/server/agenda2030';
import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import * as documents from '$lib/server/documents';
import { details, detailsArrays, toDetails, importer, kind } from '$lib/server/documents';
import { sql } from '$lib/server/platform';
import { formFailure, parse, values } from '$lib/server/forms';
import { groupAccess, signedIn } from '$lib/server/groups';

import type { Actions, PageServerLoad } from './$types';

// A group's co-written documents: the list, and (for members) a new document.

/** Members write documents; administrators too. Not in archived or declined groups. */
const canWrite = (a: { isAdmin: boolean; member: boolean; status: string }) =>
	(a.member || a.isAdmin) && a.status !== 'archived' && a.status !== 'declined';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const { group, membership, canRead } = await event.parent();
	const title = m.documents_title({ group: group.name });
	if (!canRead) return { title, restricted: true as const, slug: group.slug };
	const db = event.locals.supabase;
	const [list, goals] = await Promise.all([
		documents.listForGroup(db, group.id),
		agenda2030.goals(db, getLocale())
	]);
	return {
		title,
		restricted: false as const,
		slug: group.slug,
		documents: list,
		goals,
		canWrite: canWrite({
			isAdmin: user.role === 'admin',
			member: membership !== null,
			status: group.status
		})
	};
};

/** The person, after checking again that they may write documents in this group. */
async function writer(event: Parameters<Actions['create']>[0]) {
	const access = await groupAccess(event);
	const allowed = canWrite({
		isAdmin: access.user.role === 'admin',
		member: access.role !== null,
		status: access.group.status
	});
	if (!allowed) error(403, m.documents_not_allowed());
	return access;
}

// Marked, so the page shows the message at the import form and not at the create form.
const importFailure = (form: FormData, field: string, message: string) =>
	fail(400, { values: values(form), errors: { [field]: message }, source: 'import' as const });

export const actions = {
	create: async (event) => {
		const access = await writer(event);
		const form = await event.request.formData();
		const parsed = parse(details, form, detailsArrays);
		if (!parsed.ok) return parsed.failure;
		const created = await documents.create(
			event.locals.supabase,
			access.user,
			access.group.id,
			toDetails(parsed.data)
		);
		if (!created.ok) return formFailure(form, m.documents_not_allowed(), 403);
		redirect(303, `/docs/${created.id}`);
	},
	import: async (event) => {
		const access = await writer(event);
		const form = await event.request.formData();
		const file = form.get('file');
		const chosenKind = kind.safeParse(form.get('kind'));
		if (!chosenKind.success) return importFailure(form, 'kind', m.documents_kind_invalid());
		if (!(file instanceof File) || file.size === 0)
			return importFailure(form, 'file', m.documents_import_choose());
		const imported = await importer.fromFile(file);
		if (!imported.ok) return importFailure(form, 'file', importer.refusalMessage(imported.reason));
		const created = await documents.create(event.locals.supabase, access.user, access.group.id, {
			kind: chosenKind.data,
			title: imported.title,
			summary: '',
			sdgGoals: []
		});
		if (!created.ok) return formFailure(form, m.documents_not_allowed(), 403);
		await importer.initialize(sql(), event.locals.supabase, created.id, imported, access.user.id);
		redirect(303, `/docs/${created.id}`);
	}
} satisfies Actions;
