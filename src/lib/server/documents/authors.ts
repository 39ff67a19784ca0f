import type { DocumentSummary } from './documents.ts';
import type { Version } from './versions.ts';

// The people who wrote a document, for its printed page: whoever created it, then everyone
// who has a version to their name, in the order they first appear, each once.

export function authors(
	document: Pick<DocumentSummary, 'createdBy'>,
	history: Version[]
): string[] {
	const names = [document.createdBy, ...[...history].reverse().map((v) => v.createdBy)]
		.filter((person) => person !== null)
		.map((person) => person.name);
	return [...new Set(names)];
}
