// Identity providers as the administrators' pages and the login page see them: never the
// client secret, only whether one is stored.

export interface ProviderSummary {
	id: string;
	issuer: string;
	clientId: string;
	organization: { id: string; name: string };
	domains: string[];
	updatedAt: string;
}

/** What the login page may know about the provider for an address. */
export interface ProviderOffer {
	name: string;
}

/** Why a sign-in through a provider did not go through (shown to the person). */
export type SsoRefusal =
	| 'expired'
	| 'failed'
	| 'unknown_domain'
	| 'domain_elsewhere'
	| 'unverified'
	| 'deactivated'
	| 'no_email'
	// A re-authentication at the provider that did not prove it was the same person, just now.
	| 'reauth_session'
	| 'reauth_other_account'
	| 'reauth_not_fresh';
