import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { cleanText } from './text.ts';

// Parses a submitted form with zod. On failure it answers 400 with a message per field and
// echoes back what the person typed (never passwords), so nothing they wrote is lost. Every
// text value is normalised by cleanText first, whatever the schema; passwords are left as typed
// (they are hashed, never stored as text, and normalising them could lock people out).

export type FieldErrors = Record<string, string>;

export interface FormFailure {
	values: Record<string, string | string[]>;
	errors: FieldErrors;
	message?: string;
}

// Client secrets of identity providers are as secret as passwords: never echoed either.
const secret = /password|secret/i;

const textOf = (key: string, value: string) => (secret.test(key) ? value : cleanText(value));

/** Names a form may not set on a plain object: `__proto__` would replace its prototype. */
const keysOf = (form: FormData) => new Set([...form.keys()].filter((k) => k !== '__proto__'));

export function values(form: FormData): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of keysOf(form)) {
		if (secret.test(key)) continue;
		const all = form
			.getAll(key)
			.filter((v): v is string => typeof v === 'string')
			.map(cleanText);
		out[key] = all.length > 1 ? all : (all[0] ?? '');
	}
	return out;
}

/** Form data as a plain object: repeated keys become arrays (checkbox groups). */
export function entries(form: FormData, arrays: string[] = []): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of keysOf(form)) {
		const all = form
			.getAll(key)
			.filter((v) => typeof v === 'string')
			.map((v) => textOf(key, v));
		out[key] = arrays.includes(key) ? all : all[0];
	}
	for (const key of arrays) out[key] ??= [];
	return out;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; failure: ActionFailure<FormFailure> };

export function parse<S extends z.ZodType>(
	schema: S,
	form: FormData,
	arrays: string[] = []
): Parsed<z.output<S>> {
	const result = schema.safeParse(entries(form, arrays));
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? 'form');
		errors[key] ??= issue.message;
	}
	return { ok: false, failure: fail(400, { values: values(form), errors }) };
}

/** A failure for one field (or the whole form) found after parsing, e.g. a wrong password. */
export function fieldFailure(
	form: FormData,
	field: string,
	message: string,
	status = 400
): ActionFailure<FormFailure> {
	return fail(status, { values: values(form), errors: { [field]: message } });
}

/** A failure about the whole form (wrong credentials, throttled), keeping what was typed. */
export function formFailure(
	form: FormData,
	message: string,
	status = 400
): ActionFailure<FormFailure> {
	return fail(status, {
		values: values(form),
		errors: {},
		message
	});
}

/** 429 with a message saying how long to wait, keeping what was typed. */
export function tooManyRequests(
	form: FormData,
	retryAfterSeconds: number
): ActionFailure<FormFailure> {
	return formFailure(
		form,
		m.too_many_requests({ minutes: Math.ceil(retryAfterSeconds / 60) }),
		429
	);
}
