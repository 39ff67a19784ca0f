import type { DocumentSummary } from './documents.ts';

// The people who wrote a document, for its printed page: whoever created it, then everyone
// who has a version to their name, in the order they first wrote one, each once.

type Person = { id: string; name: string } | null;

/** `writers`: the people with a version, oldest first (public.document_page gives them so). */
export function authors(document: Pick<DocumentSummary, 'createdBy'>, writers: Person[]): string[] {
	const names = [document.createdBy, ...writers]
		.filter((person) => person !== null)
		.map((person) => person.name);
	return [...new Set(names)];
}
