import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { passwordProblem, type PasswordProblem } from '$lib/server/auth';
import { cleanText } from './text.ts';

// zod field builders whose messages are read in the request's language when parsing runs.
// Every text builder starts from `string()`, so what is stored has been through cleanText.

/** A string from outside (form or JSON), normalised by cleanText before any other check. */
export const string = (params?: Parameters<typeof z.string>[0]) =>
	z.string(params).overwrite(cleanText);

export const text = (max: number) =>
	string({ error: () => m.field_required() })
		.trim()
		.min(1, { error: () => m.field_required() })
		.max(max, { error: () => m.field_too_long({ max }) });

export const optionalText = (max: number) =>
	string()
		.trim()
		.max(max, { error: () => m.field_too_long({ max }) })
		.transform((v) => (v === '' ? null : v))
		.nullable()
		.default(null);

export const email = () =>
	string({ error: () => m.field_required() })
		.trim()
		.toLowerCase()
		.min(1, { error: () => m.field_required() })
		.max(254, { error: () => m.field_email_invalid() })
		.pipe(z.email({ error: () => m.field_email_invalid() }));

/** Any password (for logging in or confirming): only presence and an upper bound. */
export const password = () =>
	z
		.string({ error: () => m.field_required() })
		.min(1, { error: () => m.field_required() })
		.max(256, { error: () => m.password_too_long() });

const problemMessage: Record<PasswordProblem, () => string> = {
	too_short: () => m.password_too_short(),
	too_long: () => m.password_too_long(),
	common: () => m.password_common(),
	personal: () => m.password_personal()
};

/** A new password: long enough, not common, not the person's name or address. */
export const newPassword = (personal: () => string[] = () => []) =>
	z.string({ error: () => m.field_required() }).superRefine((value, ctx) => {
		const problem = passwordProblem(value, personal());
		if (problem) ctx.addIssue({ code: 'custom', message: problemMessage[problem]() });
	});

export const slug = () =>
	string({ error: () => m.field_required() })
		.trim()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: () => m.field_invalid() });
