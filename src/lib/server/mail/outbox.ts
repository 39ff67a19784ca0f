import type { SendMailOptions, Transporter } from 'nodemailer';
import type { Sql, TransactionSql } from 'postgres';

// Every message is first written to the outbox table (so nothing is lost if SMTP is down and
// administrators can read what was sent), then delivered through SMTP_URL when it is set.
// Delivery claims rows with SKIP LOCKED, so several app processes never send one twice.

export interface Mail {
	to: string;
	subject: string;
	text: string;
	html?: string;
	/** Extra headers sent as given, e.g. List-Unsubscribe (stored in outbox.headers). */
	headers?: Record<string, string>;
	/** Small text files sent with the message, e.g. an event's calendar file. */
	attachments?: { filename: string; contentType: string; content: string }[];
}

export const FROM = 'Erfa <erfa@bergslaget.nu>';
const MAX_ATTEMPTS = 5;

/** What delivery needs of an SMTP transport. */
export type Transport = { sendMail(mail: SendMailOptions): Promise<unknown> };

/**
 * The transport for SMTP_URL (none without one). Nodemailer is loaded with the first message:
 * a process that sends none never holds it (~5 MB of heap; issue 17).
 */
export function transportFor(smtpUrl: string | undefined): Transport | null {
	if (!smtpUrl) return null;
	let transporter: Promise<Transporter> | undefined;
	return {
		async sendMail(mail) {
			transporter ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl));
			return (await transporter).sendMail(mail);
		}
	};
}

/** Writes a message to the outbox; pass a transaction to queue it only if that commits. */
export async function queue(sql: Sql | TransactionSql, mail: Mail): Promise<number> {
	const headers = mail.headers ? sql.json(mail.headers) : null;
	const files = mail.attachments?.length ? sql.json(mail.attachments) : null;
	const [row] =
		await sql`insert into public.outbox (to_address, subject, body_text, body_html, headers, attachments)
		values (${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, ${headers}, ${files})
		returning id`;
	return Number(row!.id);
}

/** Sends what is waiting; returns how many were delivered. */
export async function deliverPending(
	sql: Sql,
	transport: Transport | null,
	limit = 20
): Promise<number> {
	if (!transport) return 0;
	let delivered = 0;
	for (let i = 0; i < limit; i++) {
		const sent = await sql.begin(async (tx) => {
			const [row] =
				await tx`select id, to_address, subject, body_text, body_html, headers, attachments from public.outbox
				where sent_at is null and attempts < ${MAX_ATTEMPTS}
				order by created_at limit 1 for update skip locked`;
			if (!row) return null;
			try {
				await transport.sendMail({
					from: FROM,
					to: row.to_address,
					subject: row.subject,
					text: row.body_text,
					html: row.body_html ?? undefined,
					headers: row.headers ?? undefined,
					attachments: row.attachments ?? undefined
				});
				await tx`update public.outbox set sent_at = now(), attempts = attempts + 1 where id = ${row.id}`;
				return true;
			} catch (error) {
				await tx`update public.outbox set attempts = attempts + 1,
					last_error = ${String((error as Error).message).slice(0, 500)} where id = ${row.id}`;
				return false;
			}
		});
		if (sent === null) break;
		if (sent) delivered++;
	}
	return delivered;
}

export interface OutboxEntry {
	id: number;
	to: string;
	subject: string;
	text: string;
	createdAt: Date;
	sentAt: Date | null;
	lastError: string | null;
}
