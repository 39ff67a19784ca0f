import { Readable } from 'node:stream';
import { error, redirect } from '@sveltejs/kit';
import { contentDisposition } from '$lib/server/experiences';
import * as mydata from '$lib/server/mydata';
import { sql } from '$lib/server/platform';
import type { RequestHandler } from './$types';

// The person's own export, while it is offered; anyone else's id is simply not found.
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) redirect(303, '/login?returnTo=/profile/my-data');
	const file = await mydata.exports.download(sql(), locals.user.id, params.id);
	if (!file) error(404, 'Not found');
	return new Response(Readable.toWeb(file.stream) as ReadableStream, {
		headers: {
			'content-type': 'application/zip',
			'content-length': String(file.size),
			'content-disposition': contentDisposition(file.filename),
			'cache-control': 'private, no-store'
		}
	});
};
