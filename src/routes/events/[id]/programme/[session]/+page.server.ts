import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { parse } from '$lib/server/forms';
import { organizing } from '../../organizer.server';
import { saveSession } from '../session.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// One programme item for its organizers: its details, and after the day its documentation
// (summary, recording link, slides up to 50 MB, streamed to disk by events.slides).
async function session(req: RequestEvent | Parameters<PageServerLoad>[0]) {
	const who = await organizing(req);
	const found = await events.programme.get(who.db, who.event.id, req.params.session);
	if (!found) error(404, m.meetings_session_missing());
	return { ...who, session: found };
}

export const load: PageServerLoad = async (req) => {
	const { event, session: s } = await session(req);
	return {
		title: m.meetings_session_page_title({ title: s.title }),
		event: { id: event.id, title: event.title },
		session: s,
		speakerRows: events.SPEAKER_ROWS,
		initial: events.sessionValues(s, event.startsAt),
		documentation: { summary: s.summary, recording_url: s.recordingUrl ?? '' }
	};
};

const httpsOrEmpty = z
	.string()
	.trim()
	.max(1000)
	.default('')
	.refine((v) => v === '' || /^https:\/\/\S+$/.test(v), { error: () => m.events_url_invalid() });
const docSchema = z.object({
	summary: z
		.string()
		.max(20000, { error: () => m.field_too_long({ max: 20000 }) })
		.default(''),
	recording_url: httpsOrEmpty
});

const uploadRefusals: Record<events.slides.Refusal, () => string> = {
	empty: m.meetings_file_empty,
	too_large: m.meetings_file_too_large,
	wrong_type: m.meetings_file_wrong_type,
	no_file: m.meetings_file_missing,
	not_allowed: m.meetings_not_organizer
};

export const actions = {
	save: async (req) => {
		const { db, event, session: s } = await session(req);
		const failure = await saveSession(db, event.id, s.id, await req.request.formData());
		if (failure) return failure;
		redirect(303, `/events/${event.id}/programme?saved=1`);
	},
	document: async (req) => {
		const { db, event, session: s } = await session(req);
		const parsed = parse(docSchema, await req.request.formData());
		if (!parsed.ok) return parsed.failure;
		const doc = { summary: parsed.data.summary, recordingUrl: parsed.data.recording_url || null };
		if (!(await events.programme.document(db, event.id, s.id, doc)))
			error(403, m.meetings_not_organizer());
		return { documented: true };
	},
	upload: async (req) => {
		const { db, user, session: s } = await session(req);
		const result = await events.slides.upload(db, s.id, req.request, user.id);
		if (!result.ok) {
			const status =
				result.reason === 'too_large' ? 413 : result.reason === 'not_allowed' ? 403 : 400;
			return fail(status, { uploadError: uploadRefusals[result.reason]() });
		}
		return { uploaded: true };
	},
	removeFile: async (req) => {
		const { db, session: s } = await session(req);
		const id = (await req.request.formData()).get('file');
		await events.slides.remove(db, s.id, typeof id === 'string' ? id : '');
		return { fileRemoved: true };
	},
	remove: async (req) => {
		const { db, event, session: s } = await session(req);
		await events.programme.remove(db, event.id, s.id);
		redirect(303, `/events/${event.id}/programme?saved=removed`);
	}
} satisfies Actions;
