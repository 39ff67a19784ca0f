import { json } from '@sveltejs/kit';
import { sql, health, restTargetFromEnv } from '$lib/server/platform';
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
