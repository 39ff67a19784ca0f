export * from './home.ts';
export { membership, type Membership } from './members.ts';
export { dashboard, DASHBOARD_SIZES, type Dashboard } from './dashboard.ts';
