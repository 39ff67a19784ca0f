import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { images } from '$lib/server/documents';
import { readable } from '../../access.server';
import type { RequestHandler } from './$types';

// An image of a document, to whoever may read the document (RLS on document_files agrees).
export const GET: RequestHandler = async (event) => {
	const { document } = await readable(event);
	const opened = await images.open(event.locals.supabase, document.id, event.params.fileId);
	if (!opened) error(404, m.editor_image_not_found());
	const body = Readable.toWeb(opened.stream) as ReadableStream<Uint8Array>;
	return new Response(body, { headers: images.imageHeaders(opened.image) });
};
