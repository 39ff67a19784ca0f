export * as backoff from './backoff.ts';
export {
	CHECK_EMAIL_COOKIE,
	SESSION_COOKIE,
	clearSessionCookie,
	setSessionCookie
} from './cookie.ts';
export { passwordProblem } from './password.ts';
export { enforceTwoFactor } from './policy.ts';
export * as recentAuth from './recent.ts';
export { requireRecentAuth } from './recent.ts';
export * as secondStep from './second-step.ts';
export type { PasswordProblem } from './password.ts';
export * as sessions from './sessions.ts';
export type { Session, SessionUser } from './sessions.ts';
export * as throttle from './throttle.ts';
export * as twoFactor from './two-factor.ts';
export { hashToken } from './tokens.ts';
