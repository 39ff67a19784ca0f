export { list, isAction, prune, record, PAGE_SIZE } from './log.ts';
export type { AuditPage, Entry, Filter } from './log.ts';
export { origin } from './origin.ts';
export { AUDIT_ACTIONS, AUDIT_RETENTION_DAYS } from '../../audit/types.ts';
export type { AuditAction, AuditEntry } from '../../audit/types.ts';
