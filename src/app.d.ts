import type { Session, SessionUser } from '$lib/server/auth';
import type { Db } from '$lib/server/platform';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** supabase-js acting as this caller: RLS decides what it may read and write. */
			supabase: Db;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
