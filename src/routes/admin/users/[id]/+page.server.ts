import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import { requireRecentAuth } from '$lib/server/auth';
import * as mydata from '$lib/server/mydata';
import { sql } from '$lib/server/platform';
import { formFailure, parse } from '$lib/server/forms';
import * as audit from '$lib/server/audit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = admin.requireAdmin(event);
	const person = await admin.user(event.locals.supabase, event.params.id);
	if (!person) error(404, m.admin_users_not_found());
	const reauthenticated = event.url.searchParams.has('reauthenticated');
	return { title: person.name, person, isSelf: person.id === me.id, reauthenticated };
};

const roleSchema = z.object({
	role: z.enum(admin.ROLES, { error: () => m.admin_users_role_invalid() })
});
const confirmSchema = z.object({
	confirm: z.literal('yes', { error: () => m.admin_users_confirm_required() })
});
const eraseSchema = z.object({
	erase_confirm: z.literal('yes', { error: () => m.mydata_delete_confirm_required() })
});

/** Turns a refused change into what the administrator should read. */
function refused(form: FormData, result: admin.Change) {
	if (result.ok) return null;
	if (result.reason === 'self') return formFailure(form, m.admin_users_self());
	if (result.reason === 'forbidden') error(403, 'Forbidden');
	error(404, m.admin_users_not_found());
}

const user = (event: RequestEvent<{ id: string }>) => ({ type: 'user', id: event.params.id });

async function setActive(event: RequestEvent<{ id: string }>, active: boolean) {
	const me = admin.requireAdmin(event);
	await requireRecentAuth(event);
	const form = await event.request.formData();
	if (!active) {
		const parsed = parse(confirmSchema, form);
		if (!parsed.ok) return parsed.failure;
	}
	const result = await admin.setActive(event.locals.supabase, me.id, event.params.id, active);
	if (result.ok) {
		const action = active ? 'user.reactivated' : 'user.deactivated';
		await audit.record(sql(), { ...audit.origin(event), action, subject: user(event) });
	}
	return refused(form, result) ?? { saved: active ? 'reactivated' : 'deactivated' };
}

export const actions: Actions = {
	role: async (event) => {
		const me = admin.requireAdmin(event);
		await requireRecentAuth(event);
		const form = await event.request.formData();
		const parsed = parse(roleSchema, form);
		if (!parsed.ok) return parsed.failure;
		const { supabase } = event.locals;
		const result = await admin.setRole(supabase, me.id, event.params.id, parsed.data.role);
		if (result.ok) {
			await audit.record(sql(), {
				...audit.origin(event),
				action: 'user.role_changed',
				subject: user(event),
				details: { role: parsed.data.role }
			});
		}
		return refused(form, result) ?? { saved: 'role' };
	},
	deactivate: (event) => setActive(event, false),
	// On the person's request (GDPR art. 17). The privileged driver deletes, as it does for the
	// person themselves: no REST role may delete profiles; the checks above it are the guard.
	erase: async (event) => {
		const me = admin.requireAdmin(event);
		await requireRecentAuth(event);
		const form = await event.request.formData();
		const parsed = parse(eraseSchema, form);
		if (!parsed.ok) return parsed.failure;
		if (event.params.id === me.id) return formFailure(form, m.mydata_admin_self());
		const person = await admin.user(event.locals.supabase, event.params.id);
		if (!person) error(404, m.admin_users_not_found());
		await mydata.erase(sql(), person.id, { removeContent: false });
		await audit.record(sql(), {
			...audit.origin(event),
			action: 'account.deleted',
			subject: { type: 'user', id: person.id, label: person.name },
			details: { onRequest: true }
		});
		redirect(303, '/admin/users?deleted=1');
	},
	reactivate: (event) => setActive(event, true)
};
