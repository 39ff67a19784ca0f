export * from './agenda2030.ts';
export {
	filtersFrom,
	goalPage,
	linked,
	linkedFrom,
	linkTypes,
	LIST_SIZE,
	organizationsNamed,
	scope,
	type Exclusion,
	type Filters,
	type Linked,
	type LinkedDocument,
	type LinkedExperience,
	type LinkedGroup,
	type LinkedResearch,
	type LinkType,
	type Listed,
	type RawGoalPage
} from './linked.ts';
