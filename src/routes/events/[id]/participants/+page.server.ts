import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { fields, formFailure, parse } from '$lib/server/forms';
import { organizing } from '../organizer.server';
import type { Actions, PageServerLoad } from './$types';

// The organizers' page: who has registered (confirmed, then the waitlist), attendance, the
// CSV export, and the questions asked at registration.
export const load: PageServerLoad = async (req) => {
	const { db, event } = await organizing(req);
	const [participants, questions, places] = await Promise.all([
		events.registrations.participants(db, event.id),
		events.questions.list(db, event.id),
		events.registrations.places(db, event.id)
	]);
	return {
		title: m.meetings_participants_title({ title: event.title }),
		event: { id: event.id, title: event.title, registration: event.registration },
		participants,
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
