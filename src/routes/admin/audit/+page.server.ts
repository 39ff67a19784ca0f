import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import * as audit from '$lib/server/audit';
import { cleanParams } from '$lib/server/forms';
import { sql } from '$lib/server/platform';
import type { PageServerLoad } from './$types';

const day = (value: string | null) =>
	value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;

// The log is out of reach of every REST role, so it is read with the privileged driver; this
// check is what lets only administrators see it.
export const load: PageServerLoad = async (event) => {
	admin.requireAdmin(event);
	const params = cleanParams(event.url.searchParams);
	const action = params.get('action');
	const filter = {
		action: audit.isAction(action) ? action : null,
		person: (params.get('person') ?? '').trim().slice(0, 100),
		from: day(params.get('from')),
		to: day(params.get('to'))
	};
	const page = admin.pageParam(params.get('page'));
	const entries = await audit.list(sql(), { ...filter, page });
	return {
		title: m.accounts_audit_title(),
		filter,
		filtered: Boolean(filter.action || filter.person || filter.from || filter.to),
		entries,
		actions: audit.AUDIT_ACTIONS,
		retentionDays: audit.AUDIT_RETENTION_DAYS
	};
};
