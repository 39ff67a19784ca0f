export { sendInvitation } from './group-templates.ts';
export type { Locale } from './templates.ts';
export * as mailer from './worker.ts';
