import { json } from '@sveltejs/kit';
import { fields } from '$lib/server/forms';
import { sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';
import type { RequestHandler } from './$types';

// Which organization's sign-in the login page may offer for an address. Says only the
// organization's name (which domains have a provider is no secret); nothing about accounts.
export const GET: RequestHandler = async ({ url }) => {
	const email = fields.email().safeParse(url.searchParams.get('email') ?? '');
	const provider = email.success ? await sso.providers.forEmail(sql(), email.data) : null;
	return json(provider ? { name: provider.name } : {}, {
		headers: { 'cache-control': 'private, max-age=60' }
	});
};
