export * from './discussions.ts';
export * from './posts.ts';
export * from './flags.ts';
export { groupMembers, highlightMentions, mentionedIds } from './mentions.ts';
export type { Member } from './mentions.ts';
