export * as providers from './providers.ts';
export { start, finish, SCOPE } from './flow.ts';
export type { Arrival, Finished, ReauthFor, Started } from './flow.ts';
export { providerFor as reauthProvider } from './reauth.ts';
export type { ReauthProvider } from './reauth.ts';
export {
	confirm as confirmLink,
	pending as pendingLink,
	endSession,
	sessionIssuer
} from './link.ts';
export type { Linked, Pending } from './link.ts';
export { sendLink as mailLink, confirmByMail as confirmLinkByMail } from './link-mail.ts';
export type { Mailed } from './link-mail.ts';
export { insecureAllowed } from './client.ts';
export type { ProviderOffer, ProviderSummary, SsoRefusal } from '../../sso/types.ts';

export const FLOW_COOKIE = 'erfa_sso';
export const LINK_COOKIE = 'erfa_sso_link';
export const LOGOUT_COOKIE = 'erfa_sso_logout';
export const CALLBACK_PATH = '/login/sso/callback';
