import { json } from '@sveltejs/kit';
import { sql } from '$lib/server/db';
import * as health from '$lib/server/health';
import { restTargetFromEnv } from '$lib/server/supabase';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const result = await health.check(sql(), restTargetFromEnv());
	return result.ok
		? json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } })
		: json(
				{ status: 'unavailable', failing: result.failing },
				{ status: 503, headers: { 'cache-control': 'no-store' } }
			);
};
