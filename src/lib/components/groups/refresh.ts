import { invalidateAll } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * use:enhance for forms acting on a list that others change too (requests, members,
 * invitations, proposals): after a refusal such as "already decided by someone else" the list is
 * loaded again, as it would be without JavaScript, so what the page says stays true.
 */
export const refreshAfter: SubmitFunction = () => {
	return async ({ result, update }) => {
		await update();
		if (result.type === 'failure') await invalidateAll();
	};
};
