export * from './activity.ts';
export * from './organization.ts';
