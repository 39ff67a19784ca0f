import { unreadCount } from '$lib/server/notifications';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, depends }) => {
	// The header's unread badge; pages that mark notifications read invalidate this.
	depends('app:notifications');
	return {
		user: locals.user && {
			id: locals.user.id,
			name: locals.user.name,
			role: locals.user.role,
			emailVerified: locals.user.emailVerified
		},
		unreadNotifications: locals.user ? await unreadCount(locals.supabase) : 0
	};
};
