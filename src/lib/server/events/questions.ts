import { z } from 'zod';
import { cleanText } from '$lib/server/forms';
import type { Db } from '$lib/server/platform';
import type { Question } from '../../events/types.ts';
export type { Question };

// The few questions an organizer asks at registration (dietary needs, which workshop). Readable
// with the event; only its organizers add or remove them (RLS). A sensitive question's answers
// are deleted once the event is over.

export const MAX_QUESTIONS = 10;

function failed(error: { message: string }): never {
	throw new Error(`event_questions: ${error.message}`);
}

type Row = { id: string; label: string; choices: string[]; required: boolean; sensitive: boolean };

export async function list(db: Db, eventId: string): Promise<Question[]> {
	const { data, error } = await db
		.from('event_questions')
		.select('id, label, choices, required, sensitive')
		.eq('event_id', eventId)
		.order('position')
		.order('created_at');
	if (error) failed(error);
	return data as Row[];
}

export interface QuestionInput {
	label: string;
	choices: string[];
	required: boolean;
	sensitive: boolean;
}

export type Added = { ok: true } | { ok: false; reason: 'not_allowed' | 'too_many' };

export async function add(db: Db, eventId: string, input: QuestionInput): Promise<Added> {
	const existing = await list(db, eventId);
	if (existing.length >= MAX_QUESTIONS) return { ok: false, reason: 'too_many' };
	const { error } = await db
		.from('event_questions')
		.insert({ event_id: eventId, position: existing.length, ...input });
	if (error?.code === '42501') return { ok: false, reason: 'not_allowed' };
	if (error) failed(error);
	return { ok: true };
}

export async function remove(db: Db, eventId: string, questionId: string): Promise<boolean> {
	if (!z.uuid().safeParse(questionId).success) return false;
	const { data, error } = await db
		.from('event_questions')
		.delete()
		.eq('id', questionId)
		.eq('event_id', eventId)
		.select('id');
	if (error) failed(error);
	return data.length > 0;
}

/** The answers a form carries (`q_<question id>`), or the first question missing a required
 * answer or given a choice it does not offer. */
export function answersFrom(
	form: FormData,
	list: Question[]
): { ok: true; answers: Record<string, string> } | { ok: false; question: Question } {
	const answers: Record<string, string> = {};
	for (const q of list) {
		const raw = form.get(`q_${q.id}`);
		const value = typeof raw === 'string' ? cleanText(raw).trim().slice(0, 1000) : '';
		if (!value && q.required) return { ok: false, question: q };
		if (value && q.choices.length && !q.choices.includes(value)) return { ok: false, question: q };
		if (value) answers[q.id] = value;
	}
	return { ok: true, answers };
}
