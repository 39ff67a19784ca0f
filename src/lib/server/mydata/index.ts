export * as exports from './exports.ts';
export type { ExportStatus } from './exports.ts';
export { collect } from './collect.ts';
export { erase, type EraseOptions } from './erase.ts';
