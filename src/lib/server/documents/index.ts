export * from './documents.ts';
export {
	documentKinds as kinds,
	documentStatuses as statuses,
	type DocumentKind as Kind,
	type DocumentStatus as Status
} from '../../documents/kinds.ts';
export { documentAccess } from './access.ts';
export { anonymizeSuggestions, FORMER_NAME } from './former-author.ts';
export { authors } from './authors.ts';
export * as comments from './comments.ts';
export type { Anchor, Thread } from './comments.ts';
export { toJSON } from './content.ts';
export { details, detailsArrays, kind, toDetails } from './details-schema.ts';
export * as exporter from './export.ts';
export { safeBodyHTML } from './html.ts';
export { readingHTML } from './reading.ts';
export { page, pageParts, type DocumentPage } from './page.ts';
export * as images from './images.ts';
export * as importer from './import.ts';
export * as library from './library.ts';
export * as store from './store.ts';
export * as suggestionThreads from './suggestion-threads.ts';
export * as uses from './uses.ts';
export * as versions from './versions.ts';
export type { DiffBlock, VersionKind } from './versions.ts';
