// What the audit trail records, shared by the server and the administrators' page.

export const AUDIT_ACTIONS = [
	'auth.sign_in',
	'auth.sign_in_failed',
	'auth.signed_out',
	'auth.account_linked',
	'auth.two_factor_enabled',
	'auth.two_factor_disabled',
	'auth.recovery_codes_replaced',
	'auth.reauthenticated',
	'user.role_changed',
	'user.deactivated',
	'user.reactivated',
	'group.member_role_changed',
	'group.member_removed',
	'group.request_approved',
	'group.request_declined',
	'group.proposal_approved',
	'group.proposal_declined',
	'post.hidden',
	'post.unhidden',
	'idp.created',
	'idp.updated',
	'idp.deleted',
	'data.exported',
	'account.deleted'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry as the administrators' page shows it. */
export interface AuditEntry {
	id: number;
	at: string;
	actorId: string | null;
	actorName: string | null;
	action: AuditAction;
	subjectType: string | null;
	subjectId: string | null;
	subjectLabel: string | null;
	ip: string | null;
	details: Record<string, unknown>;
}

/** How many days entries are kept; the migration's erfa_private.audit_retention() agrees. */
export const AUDIT_RETENTION_DAYS = 365;
