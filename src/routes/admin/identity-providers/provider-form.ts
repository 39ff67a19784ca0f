import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as audit from '$lib/server/audit';
import { fieldFailure, fields, parse } from '$lib/server/forms';
import { organizations } from '$lib/server/people';
import { sql } from '$lib/server/platform';
import * as sso from '$lib/server/sso';

// The identity provider form, shared by the add and edit pages.

const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

const issuer = fields
	.text(500)
	.refine(
		(v) =>
			URL.canParse(v) &&
			(new URL(v).protocol === 'https:' || sso.insecureAllowed(new URL(v))) &&
			!new URL(v).search &&
			!new URL(v).hash,
		{ error: () => m.accounts_idp_issuer_invalid() }
	)
	.transform((v) => v.replace(/\/$/, ''));

const domains = fields
	.text(2000)
	.transform((v) => [
		...new Set(
			v
				.toLowerCase()
				.split(/[\s,;]+/)
				.filter(Boolean)
		)
	])
	.refine((list) => list.length > 0 && list.length <= 50 && list.every((d) => DOMAIN.test(d)), {
		error: () => m.accounts_idp_domains_invalid()
	});

const schema = z.object({
	organization: fields.slug(),
	issuer,
	client_id: fields.text(300).refine((v) => v.length > 0, { error: () => m.field_required() }),
	client_secret: z
		.string()
		.max(2000, { error: () => m.field_too_long({ max: 2000 }) })
		.default(''),
	domains
});

/** Saves the form as a new provider (no id) or over an existing one, and audits it. */
export async function saveProvider(event: RequestEvent, id?: string) {
	const form = await event.request.formData();
	const parsed = parse(schema, form);
	if (!parsed.ok) return parsed.failure;
	const input = parsed.data;
	if (!id && !input.client_secret) {
		return fieldFailure(form, 'client_secret', m.accounts_idp_secret_required());
	}
	const org = await organizations.bySlug(event.locals.supabase, input.organization);
	if (!org) return fieldFailure(form, 'organization', m.accounts_idp_organization_unknown());
	const saved = await sso.providers.save(
		sql(),
		{
			organizationId: org.id,
			issuer: input.issuer,
			clientId: input.client_id,
			clientSecret: input.client_secret,
			domains: input.domains
		},
		id
	);
	if (!saved.ok && saved.reason === 'domain_taken') {
		return fieldFailure(form, 'domains', m.accounts_idp_domain_taken());
	}
	if (!saved.ok && saved.reason === 'issuer_taken') {
		return fieldFailure(form, 'issuer', m.accounts_idp_issuer_taken());
	}
	if (!saved.ok) return fieldFailure(form, 'issuer', m.accounts_idp_not_found());
	await audit.record(sql(), {
		...audit.origin(event),
		action: id ? 'idp.updated' : 'idp.created',
		subject: { type: 'identity_provider', id: saved.id, label: org.name },
		// What it is now, never the secret itself: only whether a new one was given.
		details: {
			issuer: input.issuer,
			client: input.client_id,
			domains: input.domains.join(', '),
			credentialChanged: Boolean(input.client_secret)
		}
	});
	return { saved: true, id: saved.id };
}
