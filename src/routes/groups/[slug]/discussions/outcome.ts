import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import type { Refusal } from '$lib/server/discussions';
import { values } from '$lib/server/forms';

// Turns what the discussions module refused into a failed form with a clear message next to
// the form it came from, keeping what was typed.

const messages: Record<Refusal, () => string> = {
	forbidden: () => m.discussions_forbidden(),
	not_found: () => m.discussions_not_found(),
	invalid: () => m.field_invalid(),
	bad_quote: () => m.discussions_bad_quote(),
	closed: () => m.discussions_closed()
};

const fieldMessages = {
	title: () => m.discussions_title_invalid(),
	body: () => m.discussions_body_invalid()
};

/** Which form on the page failed: the reply form, the edit form, or a post's tools. */
export type FormName = 'thread' | 'reply' | 'edit' | 'tools';

export function refusedForm(
	form: FormData,
	name: FormName,
	refusal: { reason: Refusal; field?: 'title' | 'body' },
	target?: string
) {
	const status = refusal.reason === 'forbidden' ? 403 : refusal.reason === 'not_found' ? 404 : 400;
	const errors = refusal.field ? { [refusal.field]: fieldMessages[refusal.field]() } : {};
	const message = refusal.field ? undefined : messages[refusal.reason]();
	return fail(status, { values: values(form), errors, message, form: name, target });
}

/** A failed parse, marked with the form it came from. */
export function parseFailed<T extends { status: number; data: object }>(
	failure: T,
	name: FormName,
	target?: string
) {
	return fail(failure.status, { ...failure.data, form: name, target });
}
