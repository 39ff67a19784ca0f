import { sql } from './db.ts';

// A PostgreSQL advisory lock held on a privileged connection while `work` runs. It serializes
// steps that span the file system and a REST call (which no single transaction can cover) across
// every app process: uploading and removing the same stored file, or a double-submitted form.
// The lock guards no data itself, so the user-scoped writes inside still go through RLS.

export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
	const conn = await sql().reserve();
	try {
		await conn`select pg_advisory_lock(hashtextextended(${key}, 0))`;
		try {
			return await work();
		} finally {
			await conn`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
		}
	} finally {
		conn.release();
	}
}
