import { m } from '$lib/paraglide/messages.js';
import type { SsoRefusal } from '$lib/sso/types';

const MESSAGES: Record<SsoRefusal | 'busy', () => string> = {
	busy: m.accounts_sso_refused_busy,
	expired: m.accounts_sso_refused_expired,
	failed: m.accounts_sso_refused_failed,
	unknown_domain: m.accounts_sso_refused_unknown_domain,
	domain_elsewhere: m.accounts_sso_refused_domain_elsewhere,
	unverified: m.accounts_sso_refused_unverified,
	deactivated: m.accounts_sso_refused_deactivated,
	no_email: m.accounts_sso_refused_no_email,
	reauth_session: m.accounts_sso_refused_reauth_session,
	reauth_other_account: m.accounts_sso_refused_reauth_other_account,
	reauth_not_fresh: m.accounts_sso_refused_reauth_not_fresh
};

/** The sentence for a refusal named in the query string; null for anything else. */
export function refusalMessage(reason: string | null): string | null {
	return reason && Object.hasOwn(MESSAGES, reason)
		? MESSAGES[reason as SsoRefusal | 'busy']()
		: null;
}
