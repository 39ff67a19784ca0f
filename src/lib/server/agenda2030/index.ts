export * from './agenda2030.ts';
export {
	filtersFrom,
	linked,
	linkTypes,
	LIST_SIZE,
	scope,
	type Exclusion,
	type Filters,
	type Linked,
	type LinkedDocument,
	type LinkedExperience,
	type LinkedGroup,
	type LinkedResearch,
	type LinkType,
	type Listed
} from './linked.ts';
