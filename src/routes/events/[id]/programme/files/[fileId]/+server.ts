import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { contentDisposition } from '$lib/server/experiences';
import type { RequestHandler } from './$types';

// A session's slides, for whoever may read the event (RLS), always as a download.
export const GET: RequestHandler = async ({ locals, params }) => {
	const opened = await events.slides.open(locals.supabase, params.fileId);
	if (!opened) error(404, m.meetings_file_missing_download());
	const body = Readable.toWeb(opened.stream) as unknown as ReadableStream;
	const f = opened.file;
	return new Response(body, {
		headers: {
			'Content-Type': f.mediaType,
			'Content-Length': String(f.sizeBytes),
			'Content-Disposition': contentDisposition(f.filename),
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "sandbox; default-src 'none'",
			'Cache-Control': 'private, no-store'
		}
	});
};
