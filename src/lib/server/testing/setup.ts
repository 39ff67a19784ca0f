import { afterAll } from 'vitest';
import { closeDb } from '../platform/db.ts';

// Stored secrets (client secrets, two-factor keys) are sealed with this key in tests; the app
// gets its own from secrets.json. A file may set another before its first use.
process.env.ERFA_ENCRYPTION_KEY ??= 'the-test-runs-own-encryption-key-of-32-characters';

// Modules that use the process-wide pool (mail delivery, notifications) open it on first use;
// closing it after each file lets the test run end without waiting on idle connections.
afterAll(async () => {
	await closeDb();
});
