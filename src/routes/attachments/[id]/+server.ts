import { Readable } from 'node:stream';
import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { attachments } from '$lib/server/experiences';
import type { RequestHandler } from './$types';

// Serves an attachment as a download, only to signed-in people whom RLS lets see its report.
// The headers make browsers save the file rather than render it (see downloadHeaders).
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/login?returnTo=${encodeURIComponent(url.pathname)}`);
	const opened = await attachments.open(locals.supabase, params.id);
	if (!opened) error(404, m.experiences_attachment_not_found());
	const body = Readable.toWeb(opened.stream) as ReadableStream<Uint8Array>;
	return new Response(body, { headers: attachments.downloadHeaders(opened.attachment) });
};
