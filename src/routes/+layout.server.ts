import { headerUnread } from '$lib/server/notifications';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, depends }) => {
	// The header's unread badge; pages that mark notifications read invalidate this. A page
	// whose own call counts them hands the count over (notifications/unread.ts).
	depends('app:notifications');
	return {
		user: locals.user && {
			id: locals.user.id,
			name: locals.user.name,
			role: locals.user.role,
			emailVerified: locals.user.emailVerified
		},
		unreadNotifications: locals.user ? await headerUnread(locals, locals.supabase) : 0
	};
};
