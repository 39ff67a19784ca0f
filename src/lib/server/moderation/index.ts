export * from './moderation.ts';
export {
	back,
	reasonSchema,
	refused,
	settleFromForm,
	signedIn,
	targetSchema,
	toTarget
} from './forms.ts';
export * as reports from './reports.ts';
