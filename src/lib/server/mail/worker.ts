import { sql } from '../platform/db.ts';
import { readConfig } from '../platform/config.ts';
import { deliverPending, queue, transportFor, type Mail } from './outbox.ts';

// Delivery runs beside requests, never inside them: a slow SMTP server must not slow a page,
// and a request's timing must not reveal whether an e-mail was sent (no enumeration).

let transport: { url: string | undefined; instance: ReturnType<typeof transportFor> } | undefined;
let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> = Promise.resolve();

function activeTransport() {
	const url = readConfig().SMTP_URL;
	if (!transport || transport.url !== url) transport = { url, instance: transportFor(url) };
	return transport.instance;
}

export function kick(): void {
	if (!activeTransport()) return;
	running = running
		.then(() => deliverPending(sql(), activeTransport()))
		.catch((error: unknown) => console.error('[mail] delivery failed', error));
}

/** Retries what could not be sent, every half minute. */
export function start(): void {
	if (timer || !activeTransport()) return;
	timer = setInterval(kick, 30_000);
	timer.unref();
	kick();
}

export async function send(mail: Mail): Promise<void> {
	await queue(sql(), mail);
	kick();
}

/** Resolves when what was kicked so far is done (tests and shutdown). */
export function idle(): Promise<unknown> {
	return running;
}
