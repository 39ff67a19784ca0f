import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/world.ts';
import { anonymous } from './supabase.ts';

// Every paged list in Erfa reads `?page=` from the address; a page past the end (an old link,
// an edited number) is an empty page with the list's real total, never an error.

const db = useTestDatabase({ rest: true });

describe('a counted list read past its end', () => {
	it('is an empty page that still knows how many there are', async () => {
		const organizations = () =>
			anonymous(db.rest).from('organizations').select('id', { count: 'exact' });
		const all = await organizations();
		expect(all.count).toBeGreaterThan(0);
		const past = await organizations().order('id').range(5000, 5019);
		expect(past).toMatchObject({ error: null, data: [], count: all.count, status: 200 });
	});

	it('leaves other refusals alone', async () => {
		const refused = await anonymous(db.rest).from('no_such_table').select('id');
		expect(refused.error).not.toBeNull();
	});
});
