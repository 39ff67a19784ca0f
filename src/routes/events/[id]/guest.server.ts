import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { throttle } from '$lib/server/auth';
import * as events from '$lib/server/events';
import { fieldFailure, fields, formFailure, parse } from '$lib/server/forms';
import { tooManyAttempts } from '$lib/server/people';
import { clientOf, sql } from '$lib/server/platform';
import { refusals } from './refusals';

// A guest's registration from the event's page (signed out): the answers are kept as pending
// and a confirmation link is mailed (double opt-in). Mail anyone can make Erfa send is
// throttled per network and per recipient before any work.

const schema = z.object({
	guest_name: fields.text(120),
	guest_email: fields.email(),
	guest_organization: z.string().trim().max(200).default('')
});

export async function guest(req: RequestEvent) {
	const event = await events.get(req.locals.supabase, req.params.id!);
	if (!event) error(404, m.events_not_found());
	const form = await req.request.formData();
	const parsed = parse(schema, form);
	if (!parsed.ok) return parsed.failure;
	const mode = event.mode === 'hybrid' ? form.get('attendance') : event.mode;
	if (mode !== 'on_site' && mode !== 'online') {
		return fieldFailure(form, 'attendance', m.meetings_attendance_required());
	}
	const asked = events.questions.answersFrom(
		form,
		await events.questions.list(req.locals.supabase, event.id)
	);
	if (!asked.ok) {
		return fieldFailure(
			form,
			`q_${asked.question.id}`,
			m.meetings_answer_required({ question: asked.question.label })
		);
	}
	const { ip } = clientOf(req);
	const verdict = await throttle.hitAll(sql(), [
		throttle.perIp('mail', ip, throttle.limits.mailPerIp),
		...throttle.recipient(parsed.data.guest_email, ip)
	]);
	if (!verdict.allowed) return tooManyAttempts(req, form, verdict.retryAfterSeconds);
	const result = await events.guests.request(sql(), event.id, {
		name: parsed.data.guest_name,
		email: parsed.data.guest_email,
		organization: parsed.data.guest_organization,
		mode,
		answers: asked.answers
	});
	if (!result.ok) return formFailure(form, refusals[result.reason](), 409);
	redirect(303, `/events/${event.id}?registered=pending#registration`);
}
