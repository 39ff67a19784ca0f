import type { Sql } from 'postgres';
import type { EraseOptions } from './erase.ts';

export * as exports from './exports.ts';
export type { ExportStatus } from './exports.ts';
export { collect } from './collect.ts';
export type { EraseOptions };

/**
 * Erases a person's account (erase.ts). Loaded at the first erasure: erase.ts reaches into the
 * documents, experiences and mail domains, which the export worker the hooks start at boot does
 * not need, so a process that never erases anyone never loads them for it (issue 17).
 */
export async function erase(sql: Sql, userId: string, options: EraseOptions): Promise<boolean> {
	const { erase } = await import('./erase.ts');
	return erase(sql, userId, options);
}
