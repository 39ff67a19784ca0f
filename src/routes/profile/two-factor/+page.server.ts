import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireRecentAuth, twoFactor } from '$lib/server/auth';
import { sql } from '$lib/server/platform';
import { fieldFailure, fields, formFailure, parse } from '$lib/server/forms';
import { signedIn } from '../guard';
import * as audit from '$lib/server/audit';
import type { Actions, PageServerLoad } from './$types';

// Enrolling in, and managing, two-factor authentication. The secret is shown only while
// enrolling; recovery codes only in the answer to the action that created them.

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user } = signedIn(locals);
	const status = await twoFactor.status(sql(), user.id);
	const enrolment = status.enabled ? null : await twoFactor.beginEnrolment(sql(), user.id);
	return {
		title: m.security_page_title(),
		status,
		enrolment,
		required: status.required && !status.enabled,
		recoveryUsed: url.searchParams.has('recovery')
	};
};

const codeSchema = z.object({
	code: fields
		.string({ error: () => m.security_code_required() })
		.trim()
		.min(1, { error: () => m.security_code_required() })
		.max(20, { error: () => m.security_code_invalid() })
});

export const actions: Actions = {
	enrol: async (event) => {
		const { user } = signedIn(event.locals);
		const form = await event.request.formData();
		const parsed = parse(codeSchema, form);
		if (!parsed.ok) return parsed.failure;
		const codes = await twoFactor.confirmEnrolment(sql(), user.id, parsed.data.code);
		if (!codes) return fieldFailure(form, 'code', m.security_code_invalid());
		await audit.record(sql(), { ...audit.origin(event), action: 'auth.two_factor_enabled' });
		return { done: 'enrolled' as const, codes };
	},
	regenerate: async (event) => {
		const { user } = signedIn(event.locals);
		await requireRecentAuth(event);
		const codes = await twoFactor.regenerateRecoveryCodes(sql(), user.id);
		if (!codes) return fail(400, { message: m.security_status_off() });
		await audit.record(sql(), { ...audit.origin(event), action: 'auth.recovery_codes_replaced' });
		return { done: 'regenerated' as const, codes };
	},
	disable: async (event) => {
		const { user } = signedIn(event.locals);
		await requireRecentAuth(event);
		const form = await event.request.formData();
		const status = await twoFactor.status(sql(), user.id);
		if (status.required) return formFailure(form, m.security_disable_admin(), 403);
		await twoFactor.disable(sql(), user.id);
		await audit.record(sql(), { ...audit.origin(event), action: 'auth.two_factor_disabled' });
		return { done: 'disabled' as const };
	}
};
