import { json } from '@sveltejs/kit';
import { restTargetFromEnv } from '$lib/server/platform';
import type { RequestHandler } from './$types';

// What a supabase-js client (or curl) needs to use the public REST API at /rest/v1.
export const GET: RequestHandler = ({ url }) =>
	json({
		supabaseUrl: url.origin,
		restUrl: `${url.origin}/rest/v1`,
		anonKey: restTargetFromEnv().anonKey
	});
