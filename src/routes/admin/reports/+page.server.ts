import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as admin from '$lib/server/admin';
import { formFailure, parse } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const isStatus = (v: string | null): v is admin.ReportStatus =>
	(admin.REPORT_STATUSES as readonly (string | null)[]).includes(v);

export const load: PageServerLoad = async (event) => {
	admin.requireAdmin(event);
	const wanted = event.url.searchParams.get('status');
	const status = isStatus(wanted) ? wanted : null;
	const page = admin.pageParam(event.url.searchParams.get('page'));
	const reports = await admin.reports(event.locals.supabase, { status, page });
	return { title: m.admin_reports_title(), status, reports, statuses: admin.REPORT_STATUSES };
};

const schema = z.object({
	id: z.coerce.number().int().positive(),
	status: z.enum(admin.REPORT_STATUSES, { error: () => m.admin_reports_status_invalid() })
});

export const actions: Actions = {
	status: async (event) => {
		admin.requireAdmin(event);
		const form = await event.request.formData();
		const parsed = parse(schema, form);
		if (!parsed.ok) return parsed.failure;
		const { id, status } = parsed.data;
		const result = await admin.setReportStatus(event.locals.supabase, id, status);
		if (!result.ok && result.reason === 'forbidden') error(403, 'Forbidden');
		if (!result.ok) return formFailure(form, m.admin_reports_not_found(), 404);
		return { saved: { id, status } };
	}
};
