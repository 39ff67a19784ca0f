import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { formFailure, parse } from '$lib/server/forms';
import { signedIn, invitations as groupInvitations } from '$lib/server/groups';
import { plainText } from '$lib/server/platform';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Invitations to the person's verified address. Someone who registers after being invited
// finds them here as soon as they have confirmed the address.

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	const mine = await groupInvitations.myInvitations(event.locals.supabase, user.id);
	return {
		title: m.groups_invitations_title(),
		verified: mine.verified,
		invitations: mine.invitations.map((i) => ({
			...i,
			excerpt: plainText(i.group.description, 240)
		}))
	};
};

const schema = z.object({ invitation: z.uuid({ error: () => m.groups_field_invalid_id() }) });

async function accept(event: RequestEvent) {
	signedIn(event);
	const form = await event.request.formData();
	const parsed = parse(schema, form);
	if (!parsed.ok) return parsed.failure;
	const db = event.locals.supabase;
	const { invitations } = await groupInvitations.myInvitations(db, event.locals.user!.id);
	const group = invitations.find((i) => i.id === parsed.data.invitation)?.group;
	const { result, slug } = await groupInvitations.acceptInvitation(db, parsed.data.invitation);
	if (result === 'accepted' && group) return { accepted: { name: group.name, slug: group.slug } };
	if (result === 'accepted') return { accepted: { name: slug ?? '', slug } };
	const message =
		result === 'already_decided' ? m.groups_invitation_already() : m.groups_invitation_gone();
	return formFailure(form, message, 409);
}

async function decline(event: RequestEvent) {
	const user = signedIn(event);
	const form = await event.request.formData();
	const parsed = parse(schema, form);
	if (!parsed.ok) return parsed.failure;
	const result = await groupInvitations.declineInvitation(event.locals.supabase, {
		invitationId: parsed.data.invitation,
		userId: user.id
	});
	if (result === 'declined') return { declined: true };
	const message =
		result === 'already_decided' ? m.groups_invitation_already() : m.groups_invitation_gone();
	return formFailure(form, message, 409);
}

export const actions = { accept, decline } satisfies Actions;
