import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fields } from '$lib/server/forms';
import { limits, normalizeExpertise, notifyEmailChoices } from '$lib/server/people';

// What each form on the profile page accepts, with messages in the request's language.

// Browsers send a textarea's line breaks as CRLF; count them as the one character typed.
const longText = (max: number) =>
	z
		.string()
		.default('')
		.transform((v) => v.replace(/\r\n?/g, '\n').trim())
		.pipe(z.string().max(max, { error: () => m.field_too_long({ max }) }))
		.transform((v) => v || null);

const expertise = z
	.string()
	.default('')
	.transform((v) => normalizeExpertise([v]))
	.superRefine((list, ctx) => {
		if (list.length > limits.expertiseCount) {
			ctx.addIssue({
				code: 'custom',
				message: m.profile_expertise_too_many({ max: limits.expertiseCount })
			});
		}
		const long = list.find((e) => e.length > limits.expertiseLength);
		if (long) {
			ctx.addIssue({
				code: 'custom',
				message: m.profile_expertise_too_long({ entry: long, max: limits.expertiseLength })
			});
		}
	});

export const details = z.object({
	name: fields.text(limits.name),
	title: fields.optionalText(limits.title),
	organization: z
		.union([z.literal(''), z.uuid()], { error: () => m.field_invalid() })
		.default('')
		.transform((v) => v || null),
	bio: longText(limits.bio),
	expertise,
	sdg: z
		.array(z.string().regex(/^(?:[1-9]|1[0-7])$/, { error: () => m.profile_sdg_invalid() }))
		.transform((goals) => [...new Set(goals.map(Number))])
});

export const notifications = z.object({
	notify_email: z.enum(notifyEmailChoices, { error: () => m.profile_notify_email_invalid() }),
	notify_in_app: z
		.literal('on')
		.optional()
		.transform((v) => v === 'on')
});

export const email = z.object({
	email_password: fields.password(),
	new_email: fields.email()
});

export const password = (personal: () => string[]) =>
	z.object({
		current_password: fields.password(),
		new_password: fields.newPassword(personal)
	});

export const emailOnly = z.object({ new_email: fields.email() });

export const firstPassword = (personal: () => string[]) =>
	z.object({ new_password: fields.newPassword(personal) });

export const session = z.object({
	session: z.string().regex(/^[0-9a-f]{64}$/, { error: () => m.field_invalid() })
});
