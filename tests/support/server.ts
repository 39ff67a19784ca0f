// Starts Erfa for the end-to-end tests: a fresh embedded database with the demo dataset and a
// real SMTP server whose captured messages the tests read over HTTP (GET /messages?to=…).
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { sql } from '../../src/lib/server/platform/db.ts';
import { runDigest } from '../../src/lib/server/notifications/delivery.ts';
import { readConfig } from '../../src/lib/server/platform/config.ts';
import { freePort } from '../../src/lib/server/platform/ports.ts';
import { startSmtp } from '../../src/lib/server/testing/smtp.ts';
import { serve } from '../../server/serve.ts';

const port = Number(process.env.E2E_PORT);
const mailboxPort = Number(process.env.E2E_MAILBOX_PORT);
if (!port || !mailboxPort)
	throw new Error('E2E_PORT and E2E_MAILBOX_PORT come from playwright.config.ts');
// One data folder per run, so that two runs on one machine do not share a database.
const dataDir = join(import.meta.dirname, `../../.data/e2e-${port}`);
await rm(dataDir, { recursive: true, force: true });
// Erfa exits once PostgreSQL has stopped; the run's database goes with it.
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

const smtp = await startSmtp();
// The SSO spec's OpenID provider starts on first use, so the other specs never wait for it.
let sso: Promise<unknown> | undefined;
const ssoProvider = () =>
	(sso ??= import('./sso-provider.ts').then((p) => p.startE2eProvider(`http://127.0.0.1:${port}`)));
// The tests' side door: read captured mail, and run a digest now instead of at 07:00.
createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://x');
	if (req.method === 'POST' && url.pathname === '/digest') {
		const kind = url.searchParams.get('kind') === 'weekly' ? 'weekly' : 'daily';
		runDigest(sql(), kind, new Date()).then(
			(sent) =>
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sent })),
			(error: unknown) => res.writeHead(500).end(String(error))
		);
		return;
	}
	if (req.method === 'POST' && url.pathname === '/stale-sessions') {
		// Makes a person's sign-ins older than the 15 minutes sensitive actions accept.
		sql()`update erfa_private.sessions set authenticated_at = now() - interval '1 hour'
			where user_id = (select user_id from public.accounts where email = ${url.searchParams.get('email') ?? ''})`.then(
			(rows) => res.writeHead(200).end(String(rows.count)),
			(error: unknown) => res.writeHead(500).end(String(error))
		);
		return;
	}
	if (req.method === 'POST' && url.pathname === '/academy-reset') {
		// Takes back a person's organization's application and participation this year, so that a
		// journey applying for it starts from the seeded state on its retry too.
		const email = url.searchParams.get('email') ?? '';
		const year = new Date().getFullYear();
		sql()
			.begin(async (tx) => {
				const [person] = await tx`select p.organization_id from public.profiles p
					join public.accounts a on a.user_id = p.id where a.email = ${email}`;
				const org = (person?.organization_id as string | undefined) ?? null;
				await tx`delete from public.academy_applications where year = ${year} and organization_id = ${org}`;
				await tx`delete from public.academy_participants where year = ${year} and organization_id = ${org}`;
			})
			.then(
				() => res.writeHead(204).end(),
				(error: unknown) => res.writeHead(500).end(String(error))
			);
		return;
	}
	if (url.pathname === '/sso-provider') {
		ssoProvider().then(
			(info) =>
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(info)),
			(error: unknown) => res.writeHead(500).end(String(error))
		);
		return;
	}
	const to = url.searchParams.get('to');
	const messages = smtp.inbox.filter((m) => !to || m.to.includes(to));
	res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
}).listen(mailboxPort, '127.0.0.1');

Object.assign(process.env, {
	PORT: String(port),
	HOST: '127.0.0.1',
	ORIGIN: `http://127.0.0.1:${port}`,
	DATA_DIR: dataDir,
	SMTP_URL: smtp.url,
	ERFA_EMBEDDED_PG_PORT: String(await freePort()),
	ERFA_POSTGREST_PORT: String(await freePort()),
	// Lets the app reach the loopback test provider over plain http (never set in production).
	ERFA_SSO_ALLOW_HTTP_LOOPBACK: '1'
});
// The build the test command made: a server never rebuilds it under the other lanes' servers.
await serve(readConfig(), { mode: 'production', demo: true, prebuilt: true });
