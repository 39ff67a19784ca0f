import { afterAll } from 'vitest';
import { closeDb } from '../platform/db.ts';

// Modules that use the process-wide pool (mail delivery, notifications) open it on first use;
// closing it after each file lets the test run end without waiting on idle connections.
afterAll(async () => {
	await closeDb();
});
