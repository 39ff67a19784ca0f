export { sendInvitation } from './group-templates.ts';
export { queue, type Mail } from './outbox.ts';
export type { Locale } from './templates.ts';
export * as mailer from './worker.ts';
