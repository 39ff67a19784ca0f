import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { attachCollab } from '../src/lib/server/collab/index.ts';
import {
	LARGEST_BODY_LIMIT,
	limitBodies,
	limitServerBodies
} from '../src/lib/server/platform/body-limit.ts';
import type { Config } from '../src/lib/server/platform/config.ts';
import { handleNewsletterOneClick } from '../src/lib/server/newsletter/one-click.ts';
import { handleOneClick } from '../src/lib/server/notifications/one-click.ts';
import { StartupError } from '../src/lib/server/platform/ports.ts';
import { connect, startServices, type Services } from '../src/lib/server/platform/services.ts';
import { projectRoot } from '../src/lib/server/platform/root.ts';
import { buildIfNeeded } from './build.js';

const root = projectRoot(import.meta.dirname);

export interface ServeOptions {
	mode: 'production' | 'development';
	demo?: boolean;
	/** Serve build/ as it is, never rebuilding it (the tests: their servers share one build, and
	 * a rebuild under a running server removes the files it is about to serve). */
	prebuilt?: boolean;
}

export async function serve(config: Config, options: ServeOptions): Promise<void> {
	const started = Date.now();
	const services = await startServices(
		config,
		process.env.ERFA_DEBUG ? (l) => process.stderr.write(l) : undefined
	);
	Object.assign(process.env, services.env);
	const shutdown = onShutdown(services);
	try {
		// Imported only for `npm run demo`: `npm start` never holds the demo content in memory.
		if (options.demo) {
			const { seedDemo } = await import('./demo/seed.ts');
			await seedDemo(services.env.DATABASE_URL!, { print: true });
		}
		const server =
			options.mode === 'development'
				? await startDev(config)
				: await startProduction(config, options.prebuilt);
		shutdown.server = server;
		shutdown.collab = startCollab(server, config, options, services);
		const where = services.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL';
		console.log(
			`Erfa is ready on ${config.origin} (${where}, ${Date.now() - started} ms). Ctrl-C stops it.`
		);
	} catch (error) {
		await services.stop();
		throw error;
	}
}

function onShutdown(services: Services) {
	const state: { server?: Server; collab?: { stop: () => Promise<void> } } = {};
	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping Erfa…`);
		// Editors' last edits are stored and their sockets closed before the server goes.
		await state.collab?.stop();
		state.server?.closeAllConnections();
		await Promise.allSettled([
			new Promise((resolve) => (state.server ? state.server.close(resolve) : resolve(undefined))),
			services.stop()
		]);
		process.exit(0);
	};
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, (s) => void stop(s));
	return state;
}

/** The collaboration websocket (/collab/<id>) on the app's own server, with its own pool. */
function startCollab(server: Server, config: Config, options: ServeOptions, services: Services) {
	const sql = connect(services.env.DATABASE_URL!, 10);
	const origins = [config.origin];
	// In development the same server is reached as localhost and 127.0.0.1 alike.
	if (options.mode === 'development') origins.push(`http://localhost:${config.PORT}`);
	const collab = attachCollab(server, { sql, origins });
	collab.ready.catch((error: unknown) => console.error('Collaboration server:', error));
	return {
		stop: async () => {
			await collab.close().catch((error: unknown) => console.error(error));
			await sql.end({ timeout: 2 });
		}
	};
}

async function startProduction(config: Config, prebuilt = false): Promise<Server> {
	if (!prebuilt) buildIfNeeded(root);
	else if (!existsSync(join(root, 'build/handler.js')))
		throw new Error('No build to serve: run `npm run build` first.');
	process.env.ORIGIN ??= config.origin;
	// Each route's body limit is enforced in front of the app (body-limit.ts); adapter-node's
	// own, for all routes at once, only needs to let the largest one through.
	process.env.BODY_SIZE_LIMIT ??= String(LARGEST_BODY_LIMIT);
	const { handler } = (await import(join(root, 'build/handler.js'))) as {
		handler: (req: unknown, res: unknown, next?: unknown) => void;
	};
	// One-click unsubscribe POSTs from mail providers carry no Origin; SvelteKit's CSRF check
	// would refuse them, so they are answered before the app (see one-click.ts for why it is safe).
	const server = createServer(
		limitBodies(
			(req, res) =>
				handleOneClick(req, res) || handleNewsletterOneClick(req, res) || handler(req, res)
		)
	);
	await listen(server, config);
	return server;
}

async function startDev(config: Config): Promise<Server> {
	const { createServer: createVite } = await import('vite');
	const vite = await createVite({
		root,
		server: { host: config.HOST, port: config.PORT, strictPort: true }
	});
	if (!vite.httpServer) throw new Error('Vite did not create an HTTP server');
	// The same body limits as in production, in front of Vite and SvelteKit's dev handler.
	limitServerBodies(vite.httpServer as Server);
	await vite.listen();
	return vite.httpServer as Server;
}

function listen(server: Server, config: Config): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) =>
			reject(
				error.code === 'EADDRINUSE'
					? new StartupError(
							`Port ${config.PORT} is already in use. Stop what uses it or set PORT=<port>.`
						)
					: error
			)
		);
		server.listen(config.PORT, config.HOST, resolve);
	});
}
