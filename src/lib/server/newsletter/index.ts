export * as issues from './issues.ts';
export * as subscriptions from './subscriptions.ts';
export * as sending from './sending.ts';
export * as suggestions from './suggestions.ts';
export * as render from './render.ts';
export * as mails from './mails.ts';
export { verifyUnsubscribe } from './tokens.ts';
export { answer as oneClick } from './one-click.ts';
export * as form from './form.ts';
