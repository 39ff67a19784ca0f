import { getLocale } from '$lib/paraglide/runtime';
import * as experiences from '$lib/server/experiences';
import * as profiles from '$lib/server/profiles';
import type { Db } from '$lib/server/supabase';

/** The choices the experience form offers: organizations, goals and their targets. */
export async function formOptions(db: Db) {
	const [organizations, goals, targets] = await Promise.all([
		profiles.organizationGroups(db),
		profiles.sdgGoals(db, getLocale()),
		experiences.sdgTargets(db)
	]);
	return { organizations, goals, targets };
}
