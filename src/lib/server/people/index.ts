export * as accounts from './accounts.ts';
export * as organizations from './organizations.ts';
export type { CountyGroup, Organization, Role } from './organizations.ts';
export * as profiles from './profiles.ts';
export { limits, normalizeExpertise, notifyEmailChoices } from './profiles.ts';
export type { OrganizationGroup } from './profiles.ts';
export { retryAfter, retryMessage, tooManyAttempts } from './throttled.ts';
export { confirmIdentity } from './reauth.ts';
