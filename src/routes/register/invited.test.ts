import { describe, expect, it } from 'vitest';
import { anonymous } from '$lib/server/platform';
import { useTestDatabase } from '$lib/server/testing/world';
import { load } from './+page.server.ts';

// The invitation e-mail's link opens registration with the invited address filled in; only a
// well-formed address in the link itself is used, nothing is looked up.

const db = useTestDatabase({ rest: true });
type LoadEvent = Parameters<typeof load>[0];

async function invitedEmail(search: string) {
	const event = {
		locals: { user: null, supabase: anonymous(db.rest) },
		url: new URL(`https://erfa.example/register${search}`)
	};
	const data = (await load(event as unknown as LoadEvent)) as { invitedEmail: string | null };
	return data.invitedEmail;
}

describe('registration from an invitation', () => {
	it('fills in the address from the link, and ignores anything that is not one', async () => {
		expect(await invitedEmail('?email=ny.kollega%40hedemora.test')).toBe(
			'ny.kollega@hedemora.test'
		);
		expect(await invitedEmail('')).toBeNull();
		expect(await invitedEmail('?email=not-an-address')).toBeNull();
		expect(await invitedEmail('?email=%00x%40y')).toBeNull();
	});
});
