import type { SubmitFunction } from '@sveltejs/kit';
import { applyAction } from '$app/forms';
import { goto } from '$app/navigation';
import { m } from '$lib/paraglide/messages.js';

// Shared by the moderation components. Their forms post to /moderation/{report,hide,unhide},
// which redirect back to the page they came from with `?moderation=<outcome>&target=<id>`, so
// the result shows next to the right post with or without JavaScript.

export type TargetType = 'experience' | 'thread' | 'reply';

export const outcomes = {
	reported: () => m.moderation_report_sent(),
	already_reported: () => m.moderation_report_already(),
	hidden: () => m.moderation_hidden_done(),
	already_hidden: () => m.moderation_already_hidden(),
	unhidden: () => m.moderation_unhidden_done()
} as const;
export type Outcome = keyof typeof outcomes;

const PARAMS = ['moderation', 'target'];

/** The current page without an earlier outcome, to come back to after the post. */
export function returnTo(url: URL): string {
	const search = new URLSearchParams(url.search);
	for (const key of PARAMS) search.delete(key);
	const query = search.toString();
	return url.pathname + (query ? `?${query}` : '');
}

/** The message to show for this target, if the page was reached from one of its forms. */
export function outcomeFor(url: URL, targetId: string, allowed: Outcome[]): string | null {
	if (url.searchParams.get('target') !== targetId) return null;
	const outcome = url.searchParams.get('moderation') as Outcome | null;
	return outcome && allowed.includes(outcome) ? outcomes[outcome]() : null;
}

export interface Problem {
	message?: string;
	errors?: Record<string, string>;
}

/**
 * Enhances a moderation form: a redirect stays on the page (no jump to the top) and reloads
 * its data; a refused form shows its message here and keeps what was typed.
 */
export function submitter(onProblem: (problem: Problem | null) => void): SubmitFunction {
	return () =>
		async ({ result }) => {
			if (result.type === 'redirect') {
				onProblem(null);
				await goto(result.location, { noScroll: true, keepFocus: true, invalidateAll: true });
			} else if (result.type === 'failure') {
				onProblem((result.data ?? {}) as Problem);
			} else {
				await applyAction(result);
			}
		};
}

/** Any outcome on this page (the queue, where a hidden post leaves the list). */
export function pageOutcome(url: URL): string | null {
	const outcome = url.searchParams.get('moderation') as Outcome | null;
	return outcome && outcome in outcomes ? outcomes[outcome]() : null;
}
