import { error } from '@sveltejs/kit';
import { Readable } from 'node:stream';
import { m } from '$lib/paraglide/messages.js';
import { downloadHeaders } from '$lib/server/experiences';
import { files } from '$lib/server/research';
import type { RequestHandler } from './$types';

// A research record's PDF, for whoever may read the record (RLS decides, signed out too).
export const GET: RequestHandler = async ({ locals, params }) => {
	const opened = await files.open(locals.supabase, params.id, params.fileId);
	if (!opened) error(404, m.research_file_not_found());
	const { file, stream } = opened;
	return new Response(Readable.toWeb(stream) as ReadableStream, {
		headers: downloadHeaders({
			filename: file.filename,
			mediaType: 'application/pdf',
			sizeBytes: file.sizeBytes
		})
	});
};
