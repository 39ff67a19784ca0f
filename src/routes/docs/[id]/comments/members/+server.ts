import { json } from '@sveltejs/kit';
import { groupMembers } from '$lib/server/discussions';
import { signedInReader } from '../../access.server';
import type { RequestHandler } from './$types';

// Who can be @mentioned in the document's comments: its group's members, for the comment
// form's suggestions. The same list the server resolves mentions against when one is saved.
export const GET: RequestHandler = async (event) => {
	const { document } = await signedInReader(event);
	const members = await groupMembers(event.locals.supabase, document.groupId);
	members.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
	return json({ members });
};
