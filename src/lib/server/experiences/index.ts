export * from './experiences.ts';
export { history, revision, type Revision, type RevisionEntry } from './history.ts';
export { compareTargets, limits, type ExperienceInput } from './rules.ts';
export type * from '../../experiences/types.ts';
export * as attachments from './attachments.ts';
export { contentDisposition, downloadHeaders } from './attachments.ts';
export type { Attachment } from './attachments.ts';
