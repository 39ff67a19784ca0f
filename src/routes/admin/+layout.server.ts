import { requireAdmin } from '$lib/server/admin';
import type { LayoutServerLoad } from './$types';

// Layout and page loads run in parallel, so every page load and action checks again.
export const load: LayoutServerLoad = (event) => {
	requireAdmin(event);
	return {};
};
