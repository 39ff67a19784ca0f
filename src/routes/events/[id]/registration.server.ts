import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { fieldFailure, formFailure } from '$lib/server/forms';
import { signedIn } from '$lib/server/groups';
import type { Event } from '$lib/server/events';
import type { Attendance } from '$lib/events/types';
import { refusals } from './refusals';

// Registering and cancelling on the event's page. The database hands out places and decides
// (open, deadline, mode, twice); these actions turn its answer into a message and the e-mails.

type Req = Pick<RequestEvent, 'locals' | 'params' | 'request' | 'url' | 'cookies'>;

/** The way of taking part: chosen for a hybrid event, given by the event otherwise. */
function attendanceOf(form: FormData, event: Event): Attendance | null {
	if (event.mode !== 'hybrid') return event.mode;
	const chosen = form.get('attendance');
	return chosen === 'on_site' || chosen === 'online' ? chosen : null;
}

async function found(req: Req): Promise<Event> {
	const event = await events.get(req.locals.supabase, req.params.id!);
	if (!event) error(404, m.events_not_found());
	return event;
}

export async function register(req: Req) {
	signedIn(req);
	const db = req.locals.supabase;
	const event = await found(req);
	const form = await req.request.formData();
	const mode = attendanceOf(form, event);
	if (!mode) return fieldFailure(form, 'attendance', m.meetings_attendance_required());
	const asked = events.questions.answersFrom(form, await events.questions.list(db, event.id));
	if (!asked.ok) {
		const message = m.meetings_answer_required({ question: asked.question.label });
		return fieldFailure(form, `q_${asked.question.id}`, message);
	}
	const result = await events.registrations.register(db, event.id, mode, asked.answers);
	if (!result.ok) return formFailure(form, refusals[result.reason](), 409);
	await events.notify(result.status, [result.id]);
	redirect(303, `/events/${event.id}?registered=${result.status}#registration`);
}

export async function cancel(req: Req) {
	const user = signedIn(req);
	const db = req.locals.supabase;
	const event = await found(req);
	const mine = await events.registrations.mine(db, user.id, event.id);
	if (!mine) redirect(303, `/events/${event.id}#registration`);
	const result = await events.registrations.cancel(db, mine.id);
	if (!result.ok) error(404, m.events_not_found());
	await events.notify('promoted', result.promoted);
	redirect(303, `/events/${event.id}?cancelled=1#registration`);
}
