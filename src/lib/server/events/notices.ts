import { m } from '$lib/paraglide/messages.js';
import { mailer, type Locale } from '$lib/server/mail';
import { readConfig, sql } from '$lib/server/platform';
import { calendarWithProgramme } from './programme-ics.ts';
import { ZONE } from './time.ts';

// The e-mails of registration: confirmed (with the calendar file), waitlisted, moved up
// from the waitlist (with the calendar file), and cancelled by an organizer. Guests read them
// in the language they registered in, and cancel with the link of their confirmation mail
// (they have no account to sign in with). They are written after the database has decided;
// addresses are read with the privileged pool because a participant's address is not theirs
// to read through the API, and the participant is the only recipient.

export type Notice = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled';

interface Recipient {
	email: string;
	locale: Locale;
	guest: boolean;
	eventId: string;
	title: string;
	startsAt: Date;
	endsAt: Date;
	location: string | null;
}

async function recipients(ids: string[]): Promise<Recipient[]> {
	if (!ids.length) return [];
	const rows = await sql()`
		select coalesce(r.guest_email, a.email) as email,
			coalesce(a.locale, r.guest_locale, 'sv') as locale, r.user_id is null as guest,
			e.id as event_id, e.title, e.starts_at, e.ends_at, e.location
		from public.event_registrations r
		join public.events e on e.id = r.event_id
		left join public.accounts a on a.user_id = r.user_id
		where r.id = any(${ids}::uuid[])`;
	return rows.map((r) => ({
		email: r.email as string,
		locale: r.locale as Locale,
		guest: r.guest as boolean,
		eventId: r.event_id as string,
		title: r.title as string,
		startsAt: r.starts_at as Date,
		endsAt: r.ends_at as Date,
		location: r.location as string | null
	}));
}

function when(r: Recipient): string {
	const format = new Intl.DateTimeFormat(r.locale, {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: ZONE
	});
	return format.formatRange(r.startsAt, r.endsAt);
}

const subjects = {
	confirmed: m.meetings_mail_confirmed_subject,
	waitlisted: m.meetings_mail_waitlisted_subject,
	promoted: m.meetings_mail_promoted_subject,
	cancelled: m.meetings_mail_cancelled_subject
} as const;

const leads = {
	confirmed: m.meetings_mail_confirmed_body,
	waitlisted: m.meetings_mail_waitlisted_body,
	promoted: m.meetings_mail_promoted_body,
	cancelled: m.meetings_mail_cancelled_body
} as const;

function body(kind: Notice, r: Recipient, url: string): string {
	const options = { locale: r.locale };
	// Nothing to cancel once cancelled; guests cancel through their confirmation link.
	const hint =
		kind === 'cancelled'
			? []
			: [(r.guest ? m.meetings_mail_cancel_hint_guest : m.meetings_mail_cancel_hint)({}, options)];
	return [
		leads[kind]({ title: r.title }, options),
		`${m.meetings_mail_when({}, options)}: ${when(r)}`,
		...(r.location ? [`${m.meetings_mail_where({}, options)}: ${r.location}`] : []),
		`${m.meetings_mail_page({}, options)}: ${url}`,
		...hint,
		'– Erfa'
	].join('\n\n');
}

/** Queues one notice per registration through the outbox. */
export async function notify(kind: Notice, registrationIds: string[]): Promise<void> {
	const origin = readConfig().origin;
	for (const r of await recipients(registrationIds)) {
		const url = new URL(`/events/${r.eventId}`, origin).href;
		const attach = kind === 'confirmed' || kind === 'promoted';
		const ics = attach
			? await calendarWithProgramme(sql(), r.eventId, url, new URL(origin).hostname)
			: null;
		await mailer.send({
			to: r.email,
			subject: subjects[kind]({ title: r.title }, { locale: r.locale }),
			text: body(kind, r, url),
			...(ics
				? {
						attachments: [{ filename: 'evenemang.ics', contentType: 'text/calendar', content: ics }]
					}
				: {})
		});
	}
}
