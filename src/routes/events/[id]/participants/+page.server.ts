import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { fields, formFailure, parse } from '$lib/server/forms';
import { organizing } from '../organizer.server';
import type { Actions, PageServerLoad } from './$types';

// The organizers' page: who has registered (confirmed, then the waitlist), attendance,
// cancelling a registration (confirmed on this page first: ?cancel=<registration>), the CSV
// export, and the questions asked at registration.
export const load: PageServerLoad = async (req) => {
	const { db, event } = await organizing(req);
	const [participants, questions, places] = await Promise.all([
		events.registrations.participants(db, event.id),
		events.questions.list(db, event.id),
		events.registrations.places(db, event.id)
	]);
	const asked = participants.find((p) => p.id === req.url.searchParams.get('cancel'));
	return {
		title: m.meetings_participants_title({ title: event.title }),
		event: { id: event.id, title: event.title, registration: event.registration },
		participants,
		confirmCancel: asked ? { id: asked.id, name: asked.name } : null,
		questions,
		places
	};
};

const questionSchema = z.object({
	label: fields.text(200),
	choices: z.string().max(2000).default(''),
	required: z
		.string()
		.optional()
		.transform((v) => v === 'on'),
	sensitive: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});

const cancelSchema = z.object({ registration: z.uuid() });

const attendanceSchema = z.object({
	registration: z.uuid(),
	attended: z.enum(['yes', 'no'])
});

export const actions = {
	attendance: async (req) => {
		const { db, event } = await organizing(req);
		const parsed = parse(attendanceSchema, await req.request.formData());
		if (!parsed.ok) return parsed.failure;
		const { registration, attended } = parsed.data;
		const done = await events.registrations.markAttended(
			db,
			event.id,
			registration,
			attended === 'yes'
		);
		if (!done) error(404, m.meetings_registration_missing());
		return { marked: attended };
	},
	// Like a participant's own cancel: the database moves the waitlist up (exactly one place
	// freed); the participant and those who got a place are mailed.
	cancelRegistration: async (req) => {
		const { db, event } = await organizing(req);
		const parsed = parse(cancelSchema, await req.request.formData());
		if (!parsed.ok) return parsed.failure;
		const list = await events.registrations.participants(db, event.id);
		const who = list.find((p) => p.id === parsed.data.registration);
		if (!who) return { cancelAlready: true };
		const result = await events.registrations.cancel(db, who.id);
		if (!result.ok) error(404, m.meetings_registration_missing());
		if (!result.cancelled) return { cancelAlready: true };
		await events.notify('cancelled', [who.id]);
		await events.notify('promoted', result.promoted);
		return { cancelledName: who.name, promoted: result.promoted.length };
	},
	question: async (req) => {
		const { db, event } = await organizing(req);
		const form = await req.request.formData();
		const parsed = parse(questionSchema, form);
		if (!parsed.ok) return parsed.failure;
		const choices = parsed.data.choices
			.split('\n')
			.map((c) => c.trim().slice(0, 200))
			.filter(Boolean)
			.slice(0, 20);
		const added = await events.questions.add(db, event.id, { ...parsed.data, choices });
		if (!added.ok) {
			const message =
				added.reason === 'too_many' ? m.meetings_too_many_questions() : m.meetings_not_organizer();
			return formFailure(form, message, added.reason === 'too_many' ? 400 : 403);
		}
		return { questionAdded: true };
	},
	removeQuestion: async (req) => {
		const { db, event } = await organizing(req);
		const id = (await req.request.formData()).get('question');
		await events.questions.remove(db, event.id, typeof id === 'string' ? id : '');
		return { questionRemoved: true };
	}
} satisfies Actions;
