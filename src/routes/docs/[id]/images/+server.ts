import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { images } from '$lib/server/documents';
import { writer } from '../access.server';
import type { RequestHandler } from './$types';

// Uploads one image into a document (multipart field "file"). Answers with the address the
// editor puts in the image node; the alternative text is asked for in the editor.

const refusals: Record<images.Refusal, [number, () => string]> = {
	empty: [400, () => m.editor_image_empty()],
	too_large: [413, () => m.editor_image_too_large({ max: 10 })],
	wrong_type: [415, () => m.editor_image_wrong_type()],
	not_allowed: [403, () => m.documents_not_allowed()]
};

export const POST: RequestHandler = async (event) => {
	const { document, user } = await writer(event);
	const form = await event.request.formData().catch(() => null);
	const file = form?.get('file');
	if (!(file instanceof File)) error(400, m.editor_image_missing());
	const stored = await images.store(event.locals.supabase, document.id, file, user.id);
	if (!stored.ok) {
		const [status, message] = refusals[stored.reason];
		error(status, message());
	}
	return json(
		{ id: stored.image.id, src: images.imagePath(document.id, stored.image.id) },
		{ status: 201 }
	);
};
