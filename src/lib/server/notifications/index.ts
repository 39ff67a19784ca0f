export { emit } from './emit.ts';
export type { NotificationEvent, NotificationKind, NotificationParams } from './emit.ts';
export * as inbox from './inbox.ts';
export { unreadCount } from './inbox.ts';
export { headerUnread, offerUnread, offerUnreadFrom } from './unread.ts';
export { answer } from './one-click.ts';
export * as notificationMail from './scheduler.ts';
export * as unsubscribeLinks from './unsubscribe.ts';
export * as excerpt from './excerpt.ts';
