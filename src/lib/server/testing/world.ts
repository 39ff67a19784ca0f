/**
 * The test world: the one place tests get a database and build their data.
 *
 * A test file's database:
 *
 *     const db = useTestDatabase({ rest: true }); // top level, before the file's own hooks
 *     beforeAll(async () => { anna = await buildUser(db.sql, { name: 'Anna Lind' }); });
 *     // db.sql: privileged pool, db.url, db.rest: PostgREST target (with { rest: true })
 *
 * It also points the process-wide pool (`sql()`, mail, notifications) and the REST settings
 * at that database, and closes them before dropping it. Called inside a `describe`, it gives
 * that block its own database.
 *
 * Builders take the privileged `sql` first, then what the row cannot exist without (a group
 * for a document, a thread for a reply), then an optional overrides object; everything not
 * given gets a valid, unique default. They insert straight into the tables, so they are for
 * setting the scene; the behaviour under test goes through the domain modules.
 *
 * Tests that run under plain Node import this file by its relative path.
 */
export { useTestDatabase, type UsedDatabase } from './world/database.ts';
export { rpcAs } from './world/calls.ts';
export {
	buildOrganization,
	buildSignedInUser,
	buildUser,
	TEST_PASSWORD,
	type BuiltUser,
	type OrganizationOverrides,
	type UserOverrides
} from './world/people.ts';
export {
	buildGroup,
	buildMembership,
	buildTheme,
	type BuiltGroup,
	type GroupOverrides,
	type GroupRole,
	type MembershipOverrides,
	type ThemeOverrides
} from './world/groups.ts';
export {
	buildEvent,
	buildExperience,
	buildReply,
	buildThread,
	experienceInput,
	type EventOverrides,
	type ExperienceOverrides
} from './world/content.ts';
export {
	buildResearch,
	researchInput,
	type ResearchGoal,
	type ResearchOverrides
} from './world/research.ts';
export { buildDocument, stateOf, type DocumentOverrides } from './world/documents.ts';
export { docxBytes, pdfBytes, pngBytes } from './world/files.ts';
export {
	discussionWorld,
	notificationsOf,
	type DiscussionWorld,
	type Person
} from './world/discussions.ts';
