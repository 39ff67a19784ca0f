import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireAdmin } from '$lib/server/admin';
import { sql, plainText } from '$lib/server/platform';
import { fieldFailure, formFailure, parse } from '$lib/server/forms';
import * as groups from '$lib/server/groups';
import * as audit from '$lib/server/audit';
import { longText } from '../../groups/group-form';
import type { Actions, PageServerLoad } from './$types';

// Administrators approve or decline proposed groups. Approving makes the proposer the group's
// coordinator (a database trigger) and tells them; the note is shown to the proposer.

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const db = event.locals.supabase;
	const [pending, declined] = await Promise.all([
		groups.proposals(db, ['proposed']),
		groups.proposals(db, ['declined'])
	]);
	const brief = <T extends { description: string }>({ description, ...rest }: T) => ({
		...rest,
		excerpt: plainText(description, 600)
	});
	return {
		title: m.groups_admin_title(),
		pending: pending.map(brief),
		declined: declined.slice(0, 20).map(brief)
	};
};

const schema = z.object({
	group: z.uuid({ error: () => m.groups_field_invalid_id() }),
	decision: z.enum(['approve', 'decline'], { error: () => m.field_invalid() }),
	note: longText(groups.limits.note)
});

export const actions: Actions = {
	decide: async (event) => {
		const admin = requireAdmin(event);
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const { group: groupId, decision, note } = parsed.data;
		const db = event.locals.supabase;
		const name = (await groups.proposals(db, ['proposed'])).find((g) => g.id === groupId)?.name;
		const result = await groups.decide(db, sql(), {
			groupId,
			approve: decision === 'approve',
			note,
			actorId: admin.id
		});
		if (result === 'approved' || result === 'declined') {
			await audit.record(sql(), {
				...audit.origin(event),
				action: result === 'approved' ? 'group.proposal_approved' : 'group.proposal_declined',
				subject: { type: 'group', id: groupId, label: name ?? null }
			});
		}
		if (result === 'approved') return { notice: m.groups_admin_approved({ name: name ?? '' }) };
		if (result === 'declined') return { notice: m.groups_admin_declined({ name: name ?? '' }) };
		if (result === 'already_decided') return formFailure(form, m.groups_admin_already(), 409);
		if (result === 'forbidden') return formFailure(form, m.groups_forbidden(), 403);
		if (result === 'invalid') {
			return fieldFailure(form, 'note', m.field_too_long({ max: groups.limits.note }));
		}
		return formFailure(form, m.groups_admin_gone(), 404);
	}
};
