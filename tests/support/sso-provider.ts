// The OpenID provider the SSO spec signs in through: the same real oidc-provider the Node
// tests use, with the accounts the spec needs.
import { startTestProvider } from '../../src/lib/server/sso/testing/provider.ts';

export async function startE2eProvider(app: string) {
	const idp = await startTestProvider({
		clientId: 'erfa-e2e',
		clientSecret: 'e2e-client-secret-never-shown',
		redirectUris: [`${app}/login/sso/callback`],
		postLogoutRedirectUris: [`${app}/login?loggedOut=1`]
	});
	idp.accounts.set('karin', {
		sub: 'karin',
		email: 'karin.strom@avesta-sso.test',
		email_verified: true,
		name: 'Karin Ström'
	});
	// One person under two subjects, as after a provider re-issued its identities: the second
	// finds the account the first made (without a password) and links it by a mailed link.
	for (const sub of ['maj', 'maj-ny']) {
		idp.accounts.set(sub, {
			sub,
			email: 'maj.lund@avesta-sso.test',
			email_verified: true,
			name: 'Maj Lund'
		});
	}
	return { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret };
}
