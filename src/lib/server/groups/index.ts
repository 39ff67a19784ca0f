export * from './groups.ts';
export {
	failed,
	fromRow,
	GROUP_COLUMNS,
	limits,
	VISIBILITIES,
	type Group,
	type GroupRow,
	type Role,
	type Status,
	type ThemeRef,
	type Visibility
} from './rows.ts';
export { decide, myProposals, proposals, type Decision, type Proposal } from './decisions.ts';
export { groupAccess, groupPageAccess, moderatorAccess, pageOverview, signedIn } from './access.ts';
export type { GroupAccess } from './access.ts';
export * as memberships from './memberships.ts';
export * as joinRequests from './join-requests.ts';
export * as invitations from './invitations.ts';
export type * from './types.ts';
export * as themes from './themes.ts';
export { limits as themeLimits } from './themes.ts';
export { overview, PAGE_OVERVIEW, type GroupEvent, type Overview } from './overview.ts';
export { listPageMine, type ListPageMine } from './list-page.ts';
