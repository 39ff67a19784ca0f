export * from './events.ts';
export { arrays, schema, toInput, toValues } from './form.ts';
export { calendar } from './ics.ts';
export * as registrations from './registrations.ts';
export * as questions from './questions.ts';
export { notify } from './notices.ts';
export { participantsCsv, type CsvLabels } from './export.ts';
