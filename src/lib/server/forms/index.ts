export * as fields from './fields.ts';
export { fieldFailure, formFailure, parse, tooManyRequests, values } from './parse.ts';
export type { FormFailure } from './parse.ts';
export { cleanJson, cleanParams, cleanText, readJsonBody } from './text.ts';
