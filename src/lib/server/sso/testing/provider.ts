import { createServer, type IncomingMessage, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';
import { freePort } from '../../platform/ports.ts';

// A real OpenID provider (the certified oidc-provider package) on a local port, for the Node
// and Playwright tests. Its login page is a one-field form naming the test account to sign in
// as; consent is granted at once. Plain http: the relying party reaches it only through
// openid-client's allowInsecureRequests, which Erfa applies for loopback issuers when
// ERFA_SSO_ALLOW_HTTP_LOOPBACK is set (tests only).

export interface TestAccount {
	sub: string;
	email: string;
	email_verified: boolean;
	name: string;
}

export interface TestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	accounts: Map<string, TestAccount>;
	/** The provider's signing key, for tests that forge tokens the provider never issued. */
	privateKey: CryptoKey;
	kid: string;
	stop: () => Promise<void>;
}

const loginPage = (uid: string) => `<!doctype html><html lang="sv"><head><meta charset="utf-8">
<title>Testleverantör</title></head><body><main><h1>Testleverantörens inloggning</h1>
<form method="post" action="/interaction/${uid}"><label for="login">Användare</label>
<input id="login" name="login" autocomplete="username"><button type="submit">Logga in</button>
</form></main></body></html>`;

async function body(req: IncomingMessage): Promise<URLSearchParams> {
	let text = '';
	for await (const chunk of req) text += chunk;
	return new URLSearchParams(text);
}

function configuration(options: ProviderOptions, jwk: JWK, accounts: Map<string, TestAccount>) {
	return {
		clients: [
			{
				client_id: options.clientId,
				client_secret: options.clientSecret,
				redirect_uris: options.redirectUris,
				post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
				token_endpoint_auth_method: 'client_secret_post'
			}
		],
		jwks: { keys: [jwk] },
		cookies: { keys: ['erfa-test-provider'] },
		claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
		conformIdTokenClaims: false,
		ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
		pkce: { required: () => true },
		features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
		interactions: {
			url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`
		},
		findAccount: (_ctx: unknown, id: string) => {
			const account = accounts.get(id);
			return account && { accountId: id, claims: () => ({ ...account }) };
		},
		// Consent is not what is tested: every client gets the scopes it asks for.
		loadExistingGrant: async (ctx: GrantContext) => {
			const grant = new ctx.oidc.provider.Grant({
				clientId: ctx.oidc.client.clientId,
				accountId: ctx.oidc.session.accountId
			});
			grant.addOIDCScope('openid email profile');
			await grant.save();
			return grant;
		}
	};
}

interface GrantContext {
	oidc: {
		provider: { Grant: new (init: { clientId: string; accountId: string }) => Grant };
		client: { clientId: string };
		session: { accountId: string };
	};
}
interface Grant {
	addOIDCScope: (scope: string) => void;
	save: () => Promise<string>;
}

export interface ProviderOptions {
	clientId: string;
	clientSecret: string;
	redirectUris: string[];
	postLogoutRedirectUris?: string[];
	port?: number;
}

export async function startTestProvider(options: ProviderOptions): Promise<TestProvider> {
	const port = options.port ?? (await freePort());
	const issuer = `http://127.0.0.1:${port}`;
	const { privateKey } = await generateKeyPair('RS256', { extractable: true });
	const kid = 'erfa-test-key';
	const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
	const accounts = new Map<string, TestAccount>();
	const provider = new Provider(issuer, configuration(options, jwk, accounts));
	const callback = provider.callback();
	const server: Server = createServer((req, res) => {
		const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
		if (!match) return callback(req, res);
		if (req.method === 'GET') {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(match[1]!));
			return;
		}
		body(req)
			.then((form) =>
				provider.interactionFinished(req, res, { login: { accountId: form.get('login') ?? '' } })
			)
			.catch((error: unknown) => res.writeHead(500).end(String(error)));
	});
	await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
	return {
		issuer,
		clientId: options.clientId,
		clientSecret: options.clientSecret,
		accounts,
		privateKey,
		kid,
		stop: () => new Promise((ok) => server.close(() => ok()))
	};
}
