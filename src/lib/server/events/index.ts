export * from './events.ts';
export { page, type EventsPage } from './page.ts';
export { arrays, schema, toInput, toValues } from './form.ts';
export { calendar, feedCalendar } from './ics.ts';
export * as registrations from './registrations.ts';
export * as questions from './questions.ts';
export { notify } from './notices.ts';
export { participantsCsv, type CsvLabels } from './export.ts';
export * as programme from './programme.ts';
export {
	SPEAKER_ROWS,
	resolvePeople,
	sessionSchema,
	sessionValues,
	toSessionInput
} from './session-form.ts';
export * as slides from './slides.ts';
export * as feed from './feed.ts';
export * as guests from './guests.ts';
export * as eventGroups from './event-groups.ts';
export * as results from './results.ts';
