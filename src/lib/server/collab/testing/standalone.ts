// A collaboration server alone on a bare HTTP server, as its own process: the tests start it
// as a child to kill it (-9) and to run two processes on one database. Not used by the app.
//   PORT=<port> DATABASE_URL=<url> ORIGIN=<origin> [COLLAB_OPTIONS=<json>] node standalone.ts
// Prints "ready" once it listens; SIGTERM stops it gracefully.
import { createServer } from 'node:http';
import postgres from 'postgres';
import { attachCollab } from '../index.ts';

const { PORT, DATABASE_URL, ORIGIN, COLLAB_OPTIONS } = process.env;
if (!PORT || !DATABASE_URL || !ORIGIN) throw new Error('PORT, DATABASE_URL and ORIGIN are needed');

const sql = postgres(DATABASE_URL, { max: 5, onnotice: () => {} });
const server = createServer((_req, res) => res.writeHead(404).end());
const collab = attachCollab(server, {
	sql,
	origins: [ORIGIN],
	...(JSON.parse(COLLAB_OPTIONS ?? '{}') as object)
});
await collab.ready;
server.listen(Number(PORT), '127.0.0.1', () => console.log('ready'));

process.once('SIGTERM', () => {
	void (async () => {
		await collab.close();
		server.closeAllConnections();
		await sql.end({ timeout: 1 });
		process.exit(0);
	})();
});
