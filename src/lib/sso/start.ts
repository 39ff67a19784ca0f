/** The address that starts a sign-in at the provider for `email`, coming back to `returnTo`. */
export function startHref(email: string, returnTo: string | null): string {
	const query = new URLSearchParams({ email });
	if (returnTo) query.set('returnTo', returnTo);
	return `/login/sso/start?${query}`;
}
