export * from './events.ts';
export { arrays, schema, toInput, toValues } from './form.ts';
export { calendar } from './ics.ts';
