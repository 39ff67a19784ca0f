import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { defineConfig, devices } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the built app,
// started with a fresh embedded database and a real SMTP server that captures its e-mail.

// Free ports (each lane's app, and the test mailbox beside it), chosen once in the runner and
// passed to its workers and the web servers through the environment, so that two runs on one
// machine never collide. They come from below the system's ephemeral range (32768 and up on
// Linux, 49152 and up on macOS), where every other port of the run is taken (PostgreSQL,
// PostgREST, the provider, `freePort()`): one lane's database starting first can then never take
// the port chosen for the other lane's app. Config files load synchronously, hence the short
// child process.
if (!process.env.E2E_PORT || !process.env.E2E_MAILBOX_PORT || !process.env.E2E_SWEEP_PORT) {
	const [app, mailbox, sweepApp, sweepMailbox] = execFileSync(process.execPath, [
		'-e',
		`const net = require('node:net');
		const taken = new Set();
		const take = () => new Promise((ok) => {
			const port = 20000 + Math.floor(Math.random() * 12000);
			if (taken.has(port)) return ok(take());
			const s = net.createServer();
			s.once('error', () => ok(take()));
			s.listen(port, '127.0.0.1', () => { taken.add(port); ok(s); });
		});
		(async () => {
			const all = [];
			for (let i = 0; i < 4; i++) all.push(await take());
			console.log(all.map((s) => s.address().port).join(' '));
			all.forEach((s) => s.close());
		})();`
	])
		.toString()
		.trim()
		.split(' ');
	process.env.E2E_PORT ??= app;
	process.env.E2E_MAILBOX_PORT ??= mailbox;
	process.env.E2E_SWEEP_PORT ??= sweepApp;
	process.env.E2E_SWEEP_MAILBOX_PORT ??= sweepMailbox;
}
// The tests wait for conditions, never for a fixed time; what bounds a wait is a budget. On a
// machine busy with other work each step takes longer, so the budgets grow with the load the
// run starts under (per core, beyond two runnable processes each), up to four times the quiet
// ones; E2E_SLOWDOWN sets the factor outright.
const slowdown = Number(
	process.env.E2E_SLOWDOWN ??
		Math.min(4, Math.max(1, (loadavg()[0] ?? 0) / availableParallelism() / 2)).toFixed(1)
);
process.env.E2E_SLOWDOWN = String(slowdown);
const port = Number(process.env.E2E_PORT);
const sweepPort = Number(process.env.E2E_SWEEP_PORT);
const systemChromium = '/usr/bin/chromium';

// The tests that only read (and the fuzz, which has an Erfa of its own): see `projects` below.
const sweeps = /\/(agenda|fuzz|layout|map|pages|search|visual)\.spec\.ts$/;

const browser = {
	...devices['Desktop Chrome'],
	launchOptions: {
		executablePath: existsSync(systemChromium) ? systemChromium : undefined,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	}
};

export default defineConfig({
	testDir: 'tests',
	fullyParallel: false,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000 * slowdown,
	expect: { timeout: 10_000 * slowdown },
	reporter: process.env.CI
		? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]]
		: [['list'], ['html', { open: 'never' }]],
	outputDir: 'test-results/e2e-artifacts',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		locale: 'sv-SE',
		// A trace records a screencast of every test it is kept for; recorded for every test and
		// thrown away when it passed, it cost a sixth of the run's CPU. A failure is retried once
		// in CI, and the retry records one.
		trace: 'on-first-retry',
		screenshot: 'only-on-failure'
	},
	// Two lanes, one worker and one Erfa each, side by side: the journeys (which write and read
	// back what they wrote, in file order) and the sweeps, which only read — every page under
	// axe, the reflow at seven widths, the map's and the goals' counts, search, the screenshots —
	// and so see the demo data exactly as seeded (the fuzz brings an Erfa of its own). The lanes
	// share no database, so neither lane's sign-ins, throttles or writes can reach the other's
	// asserts.
	projects: [
		{
			name: 'chromium',
			testIgnore: sweeps,
			workers: 1,
			use: browser
		},
		{
			name: 'sweeps',
			testMatch: sweeps,
			workers: 1,
			use: { ...browser, baseURL: `http://127.0.0.1:${sweepPort}` }
		}
	],
	webServer: [
		erfa(port, Number(process.env.E2E_MAILBOX_PORT)),
		erfa(sweepPort, Number(process.env.E2E_SWEEP_MAILBOX_PORT))
	]
});

// One lane's Erfa: the built app on a fresh demo database, with its test mailbox.
function erfa(appPort: number, mailboxPort: number) {
	return {
		command: 'node tests/support/server.ts',
		url: `http://127.0.0.1:${appPort}/healthz`,
		reuseExistingServer: false,
		timeout: 300_000,
		// The server's own log (one line per collaboration event) only when asked for: E2E_SERVER_LOG=1.
		stdout: process.env.E2E_SERVER_LOG ? ('pipe' as const) : ('ignore' as const),
		stderr: 'pipe' as const,
		env: { E2E_PORT: String(appPort), E2E_MAILBOX_PORT: String(mailboxPort) },
		// Let Erfa stop PostgreSQL and PostgREST itself rather than being killed outright.
		gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 }
	};
}
