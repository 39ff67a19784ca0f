import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { contentDisposition } from '$lib/server/experiences';
import { sql } from '$lib/server/platform';
import { exporter } from '$lib/server/documents';
import { readable } from '../../access.server';
import type { RequestHandler } from './$types';

// The document as a Markdown, HTML or Word file, for anyone who may read it (visitors too, for
// a public published document). Always a download: never rendered here, never sniffed.

const format = z.enum(exporter.formats);

export const GET: RequestHandler = async (event) => {
	const parsed = format.safeParse(event.params.format);
	if (!parsed.success) error(404, 'Not found');
	const { document } = await readable(event);
	const file = await exporter.exportDocument(sql(), event.locals.supabase, document, parsed.data, {
		lang: getLocale(),
		origin: event.url.origin
	});
	return new Response(file.body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': file.contentType,
			'Content-Length': String(file.body.byteLength),
			'Content-Disposition': contentDisposition(file.filename),
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "sandbox; default-src 'none'",
			'Cache-Control': 'private, no-store'
		}
	});
};
