export * from './groups.ts';
export { groupAccess, moderatorAccess, signedIn } from './access.ts';
export type { GroupAccess } from './access.ts';
export * as memberships from './memberships.ts';
export * as joinRequests from './join-requests.ts';
export * as invitations from './invitations.ts';
export type * from './types.ts';
export * as themes from './themes.ts';
export { limits as themeLimits } from './themes.ts';
