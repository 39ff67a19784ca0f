import type { Db } from '$lib/server/platform';
import { foldText } from './names.ts';

// A file names the institution as text ("Örebro universitet", "Orebro University"); a record
// points at an organization in Erfa. The name is matched without case and accents; what does not
// match stays empty rather than falling back to the importer's own university, which would stamp
// other people's work with the wrong affiliation.

/** Organization ids by the names given (folded); names that match nothing are absent. */
export async function institutionIds(
	db: Db,
	names: (string | null)[]
): Promise<Map<string, string>> {
	const wanted = new Set(names.filter((n): n is string => !!n?.trim()).map(foldName));
	const found = new Map<string, string>();
	if (!wanted.size) return found;
	const { data, error } = await db.from('organizations').select('id, name');
	if (error) throw new Error(`research: ${error.message}`);
	for (const org of data as { id: string; name: string }[]) {
		const key = foldName(org.name);
		if (wanted.has(key) && !found.has(key)) found.set(key, org.id);
	}
	return found;
}

export function foldName(name: string): string {
	return foldText(name).replace(/\s+/g, ' ').trim();
}
