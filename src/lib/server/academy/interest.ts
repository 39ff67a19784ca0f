import type { Sql } from 'postgres';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '$lib/server/platform';
import { mailer, queue } from '$lib/server/mail';
import type { Interest } from '$lib/academy/types';

// Companies and universities that want to join in. Visitors are not signed in, so the row is
// written on the privileged pool (the route throttles first); administrators read the rows
// (RLS) and each active administrator gets the message by mail, through the outbox.

export interface InterestInput {
	name: string;
	organization: string;
	kind: Interest['kind'];
	email: string;
	message: string;
}

export async function submit(sql: Sql, input: InterestInput): Promise<void> {
	await sql.begin(async (tx) => {
		await tx`insert into public.academy_interest (name, organization, kind, email, message)
			values (${input.name}, ${input.organization}, ${input.kind}, ${input.email}, ${input.message})`;
		const staff = await tx<{ email: string; locale: 'sv' | 'en' }[]>`
			select a.email, a.locale from public.accounts a join public.profiles p on p.id = a.user_id
			where p.role = 'admin' and p.deactivated_at is null`;
		for (const person of staff) {
			const locale = person.locale;
			const lines = [
				m.academy_interest_mail_body(
					{ name: input.name, organization: input.organization },
					{ locale }
				),
				`${m.academy_interest_email({}, { locale })}: ${input.email}`,
				input.message
			].filter(Boolean);
			await queue(tx, {
				to: person.email,
				subject: m.academy_interest_mail_subject({ organization: input.organization }, { locale }),
				text: [...lines, '– Erfa'].join('\n\n'),
				headers: { 'Reply-To': input.email }
			});
		}
	});
	mailer.kick();
}

export async function list(db: Db): Promise<Interest[]> {
	const { data, error } = await db
		.from('academy_interest')
		.select('*')
		.order('created_at', { ascending: false })
		.limit(100);
	if (error) throw new Error(`academy interest: ${error.message}`);
	type Row = Omit<Interest, 'createdAt'> & { created_at: string };
	return (data as Row[]).map(({ created_at, ...rest }) => ({ ...rest, createdAt: created_at }));
}
