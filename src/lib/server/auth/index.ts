export * as backoff from './backoff.ts';
export {
	CHECK_EMAIL_COOKIE,
	SESSION_COOKIE,
	clearSessionCookie,
	setSessionCookie
} from './cookie.ts';
export { passwordProblem } from './password.ts';
export type { PasswordProblem } from './password.ts';
export * as sessions from './sessions.ts';
export type { Session, SessionUser } from './sessions.ts';
export * as throttle from './throttle.ts';
export { hashToken } from './tokens.ts';
