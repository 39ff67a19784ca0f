import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parse, values } from '$lib/server/forms';
import * as moderation from './moderation.ts';
import { REASON_MIN } from './moderation.ts';
import { TARGET_TYPES, type Target } from './content.ts';

// Form handling shared by the moderation routes. The endpoints /moderation/{report,hide,unhide}
// are posted to from the shared components next to a post on any page. They answer with a
// redirect back to that page and a status (`?moderation=<outcome>&target=<id>`); a refused
// form renders the endpoint's own page with the message and what was typed, so nothing is
// lost without JavaScript either.

const uuid = z.uuid({ error: () => m.moderation_not_found() });

const targetFields = {
	target_type: z.enum(TARGET_TYPES, { error: () => m.moderation_not_found() }),
	target_id: uuid,
	group_id: z.union([z.literal(''), uuid]).default(''),
	return_to: z.string().default('/')
};

const reason = (max: number) =>
	z
		.string({ error: () => m.field_required() })
		.transform((v) => v.replace(/\r\n?/g, '\n').trim())
		.pipe(
			z
				.string()
				.min(1, { error: () => m.field_required() })
				.min(REASON_MIN, { error: () => m.moderation_reason_too_short() })
				.max(max, { error: () => m.field_too_long({ max }) })
		);

export const targetSchema = z.object(targetFields);
export const reasonSchema = (max: number) => z.object({ ...targetFields, reason: reason(max) });

/** A site-relative path to come back to; anything else (another site) means the home page. */
export function safeReturn(value: string): string {
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
	const url = new URL(value, 'http://erfa.invalid');
	return url.origin === 'http://erfa.invalid' ? url.pathname + url.search : '/';
}

/** The signed-in person, or a trip to the login page and back to where they were. */
export function signedIn(locals: App.Locals, form: FormData) {
	if (locals.user) return locals.user;
	const back = safeReturn(String(form.get('return_to') ?? '/'));
	redirect(303, `/login?returnTo=${encodeURIComponent(back)}`);
}

export function toTarget(data: { target_type: Target['type']; target_id: string }): Target {
	return { type: data.target_type, id: data.target_id };
}

/** Back to the page the form was on, with the outcome next to the post. */
export function back(returnTo: string, outcome: string, targetId: string, anchor: string): never {
	const url = new URL(safeReturn(returnTo), 'http://erfa.invalid');
	url.searchParams.set('moderation', outcome);
	url.searchParams.set('target', targetId);
	redirect(303, `${url.pathname}${url.search}#${anchor}-${targetId}`);
}

/** A refusal about the whole form, keeping what was typed. */
export function refused(form: FormData, message: string, status = 400) {
	return fail(status, { values: values(form), errors: {} as Record<string, string>, message });
}

const settleSchema = z.object({
	target_type: targetFields.target_type,
	target_id: targetFields.target_id,
	status: z.enum(['resolved', 'dismissed'], { error: () => m.moderation_not_found() })
});

/**
 * The queue pages' "handled" and "dismiss" buttons. The caller has checked the right to
 * moderate `groupId` (or, with null, is an administrator); RLS checks again.
 */
export async function settleFromForm(
	locals: App.Locals,
	form: FormData,
	actor: { id: string; role: string },
	groupId: string | null
) {
	const parsed = parse(settleSchema, form);
	if (!parsed.ok) return parsed.failure;
	const { status, ...target } = parsed.data;
	const result = await moderation.settle(locals.supabase, actor, {
		target: toTarget(target),
		status,
		groupId
	});
	if (result === 'forbidden') return refused(form, m.moderation_forbidden(), 403);
	if (result === 'already_decided') return refused(form, m.moderation_already_decided(), 409);
	return { settled: status };
}
