import { redirect, type Handle } from '@sveltejs/kit';
import { sql } from '../platform/db.ts';
import { mustEnrol } from './two-factor.ts';

// The administrators' two-factor policy, on by default: an administrator who has not enrolled
// (and is not exempted, like the demo accounts) is sent to enrol before any other page or
// action. Only the enrolment page itself, signing out and the public information pages stay
// open, so nobody is locked in a loop.

export const ENROL_PATH = '/profile/two-factor';
const open = [
	ENROL_PATH,
	'/logout',
	'/login',
	'/reauth',
	'/privacy',
	'/accessibility',
	'/language'
];

const isOpen = (path: string) => open.some((p) => path === p || path.startsWith(`${p}/`));

export const enforceTwoFactor: Handle = async ({ event, resolve }) => {
	const user = event.locals.user;
	if (user?.role === 'admin' && !isOpen(event.url.pathname) && (await mustEnrol(sql(), user.id))) {
		const location = `${ENROL_PATH}?required=1`;
		// An enhanced form post reads its answer as JSON; a 303 there would break the page.
		if (event.request.headers.has('x-sveltekit-action')) {
			return Response.json({ type: 'redirect', status: 303, location });
		}
		redirect(303, location);
	}
	return resolve(event);
};
