import { getLocale } from '$lib/paraglide/runtime';
import * as experiences from './experiences.ts';
import * as profiles from './profiles.ts';
import type { Db } from './supabase.ts';

/** The choices the research form offers: institutions, goals and their targets. */
export async function formOptions(db: Db) {
	const [organizations, goals, targets] = await Promise.all([
		profiles.organizationGroups(db),
		profiles.sdgGoals(db, getLocale()),
		experiences.sdgTargets(db)
	]);
	return { organizations, goals, targets };
}
