export * from './moderation.ts';
export { content, TARGET_TYPES, type Content, type Target, type TargetType } from './content.ts';
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
