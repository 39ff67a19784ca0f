import type { AuditAction } from '$lib/audit/types';
import { m } from '$lib/paraglide/messages.js';

// Written out, not built from the key, so a missing translation is a type error.
const LABELS: Record<AuditAction, () => string> = {
	'auth.sign_in': m.accounts_audit_action_auth_sign_in,
	'auth.sign_in_failed': m.accounts_audit_action_auth_sign_in_failed,
	'auth.signed_out': m.accounts_audit_action_auth_signed_out,
	'auth.account_linked': m.accounts_audit_action_auth_account_linked,
	'auth.two_factor_enabled': m.accounts_audit_action_auth_two_factor_enabled,
	'auth.two_factor_disabled': m.accounts_audit_action_auth_two_factor_disabled,
	'auth.recovery_codes_replaced': m.accounts_audit_action_auth_recovery_codes_replaced,
	'auth.reauthenticated': m.accounts_audit_action_auth_reauthenticated,
	'user.role_changed': m.accounts_audit_action_user_role_changed,
	'user.deactivated': m.accounts_audit_action_user_deactivated,
	'user.reactivated': m.accounts_audit_action_user_reactivated,
	'group.member_role_changed': m.accounts_audit_action_group_member_role_changed,
	'group.member_removed': m.accounts_audit_action_group_member_removed,
	'group.request_approved': m.accounts_audit_action_group_request_approved,
	'group.request_declined': m.accounts_audit_action_group_request_declined,
	'group.proposal_approved': m.accounts_audit_action_group_proposal_approved,
	'group.proposal_declined': m.accounts_audit_action_group_proposal_declined,
	'post.hidden': m.accounts_audit_action_post_hidden,
	'post.unhidden': m.accounts_audit_action_post_unhidden,
	'idp.created': m.accounts_audit_action_idp_created,
	'idp.updated': m.accounts_audit_action_idp_updated,
	'idp.deleted': m.accounts_audit_action_idp_deleted,
	'data.exported': m.accounts_audit_action_data_exported,
	'account.deleted': m.accounts_audit_action_account_deleted
};

export function actionLabel(action: AuditAction): string {
	return (LABELS[action] ?? (() => action))();
}
