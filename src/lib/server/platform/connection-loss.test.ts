import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, inject } from 'vitest';

// A database connection can end under a running transaction: PostgreSQL restarts, an
// administrator ends a backend, a network drops. The app must then fail that one request and go
// on. postgres.js 3 wrote the transaction's rollback to the closed socket on a later tick, which
// threw where nothing could catch it and ended the whole process (it ended the end-to-end run's
// server). Run in a process of its own, so that such a crash is this test's failure.

const services = join(import.meta.dirname, 'services.ts');
const script = `
import { connect } from ${JSON.stringify(services)};
const sql = connect(process.env.URL, 2);
const admin = connect(process.env.URL, 1);
const endOwnBackend = async (conn) => {
	const [{ pid }] = await conn\`select pg_backend_pid() as pid\`;
	await admin\`select pg_terminate_backend(\${pid})\`;
	await conn\`select 1\`;
};
const outcome = (work) => work.then(() => 'went through', (error) => error.code ?? error.message);
const transaction = await outcome(sql.begin(endOwnBackend));
const reserved = await sql.reserve();
const onReserved = await outcome(endOwnBackend(reserved).finally(() => reserved\`select 1\`.catch(() => {})));
reserved.release();
await new Promise((resolve) => setTimeout(resolve, 100));
const [{ answer }] = await sql\`select 42 as answer\`;
console.log(JSON.stringify({ transaction, onReserved, answer }));
await sql.end();
await admin.end();
`;

describe('a connection lost under a transaction', () => {
	it('fails that transaction, and the process and its pool go on', async () => {
		const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
			env: { ...process.env, URL: inject('pgAdminUrl') },
			timeout: 30_000
		});
		const result = JSON.parse(run.stdout.trim()) as Record<string, unknown>;
		expect(result.transaction).not.toBe('went through');
		expect(result.onReserved).not.toBe('went through');
		expect(result.answer).toBe(42);
	});
});
