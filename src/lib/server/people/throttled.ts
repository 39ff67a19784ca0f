import type { ActionFailure, RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { formFailure, type FormFailure } from '$lib/server/forms';

// How a throttled form is answered: 429 at once (never a request held open) with Retry-After
// for scripts and a sentence saying when to try again for people.

/** "Try again in …", in seconds under a minute (rounded up to fives), otherwise in minutes. */
export function retryMessage(retryAfterSeconds: number): string {
	const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
	if (seconds < 60) return m.auth_retry_seconds({ seconds: Math.ceil(seconds / 5) * 5 });
	const minutes = Math.ceil(seconds / 60);
	return minutes === 1 ? m.auth_retry_minute() : m.auth_retry_minutes({ minutes });
}

/** Sets the Retry-After header (whole seconds, at least one). */
export function retryAfter(event: Pick<RequestEvent, 'setHeaders'>, seconds: number): void {
	event.setHeaders({ 'retry-after': String(Math.max(1, Math.ceil(seconds))) });
}

/** A 429 failure for a form, keeping what was typed (never passwords). */
export function tooManyAttempts(
	event: Pick<RequestEvent, 'setHeaders'>,
	form: FormData,
	retryAfterSeconds: number
): ActionFailure<FormFailure> {
	retryAfter(event, retryAfterSeconds);
	return formFailure(form, retryMessage(retryAfterSeconds), 429);
}
