export * from './discussions.ts';
export { groupMembers, highlightMentions, mentionedIds } from './mentions.ts';
export type { Member } from './mentions.ts';
