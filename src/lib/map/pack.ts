import type { Counts, PackedCounts } from './types';

// The knowledge map travels with its page, and most of its cells are empty. As objects its
// cells were 39 KB of /map's 105 KB, and SvelteKit's work on a page grows with its bytes
// (serializing the data, hashing the HTML for its ETag, encoding it): a cell travels as 0 when
// empty, else as its five counts in the order of `Counts`, and the page unpacks it.

export function pack(c: Counts): PackedCounts {
	return c.total === 0 ? 0 : [c.experiences, c.documents, c.research, c.uses, c.groups];
}

export function unpack(p: PackedCounts): Counts {
	if (p === 0) return { experiences: 0, documents: 0, research: 0, uses: 0, groups: 0, total: 0 };
	const [experiences, documents, research, uses, groups] = p;
	const total = experiences + documents + research + uses + groups;
	return { experiences, documents, research, uses, groups, total };
}
