import { m } from '$lib/paraglide/messages.js';
import * as audit from '$lib/server/audit';
import { requireRecentAuth } from '$lib/server/auth';
import { sql } from '$lib/server/platform';
import * as events from '$lib/server/events';
import { slugify } from '$lib/text/slug';
import { organizing } from '../../organizer.server';
import type { RequestHandler } from './$types';

// The participant list as a spreadsheet file, for the event's organizers only.
// Personal data leaving Erfa: a recent sign-in is asked for, and the export is in the audit trail.
export const GET: RequestHandler = async (req) => {
	const { db, event } = await organizing(req);
	await requireRecentAuth(req);
	await audit.record(sql(), {
		...audit.origin(req),
		action: 'data.exported',
		subject: { type: 'event', id: event.id, label: event.title },
		details: { what: 'participants' }
	});
	const [list, questions] = await Promise.all([
		events.registrations.participants(db, event.id),
		events.questions.list(db, event.id)
	]);
	const csv = events.participantsCsv(list, questions, {
		name: m.meetings_col_name(),
		email: m.meetings_col_email(),
		organization: m.meetings_col_organization(),
		guest: m.meetings_col_guest(),
		mode: m.meetings_col_mode(),
		status: m.meetings_col_status(),
		position: m.meetings_col_position(),
		attended: m.meetings_col_attended(),
		registeredAt: m.meetings_col_registered(),
		yes: m.meetings_yes(),
		no: m.meetings_no(),
		modes: { on_site: m.meetings_attend_on_site(), online: m.meetings_attend_online() },
		statuses: {
			confirmed: m.meetings_status_confirmed(),
			waitlisted: m.meetings_status_waitlisted(),
			pending: m.meetings_status_pending(),
			cancelled: m.meetings_status_cancelled()
		}
	});
	const name = `${slugify(event.title) || 'evenemang'}-deltagare.csv`;
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
