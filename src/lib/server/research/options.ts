import * as agenda2030 from '$lib/server/agenda2030';
import { getLocale } from '$lib/paraglide/runtime';
import * as experiences from '$lib/server/experiences';
import { profiles } from '$lib/server/people';
import type { Db } from '$lib/server/platform';

/** The choices the research form offers: institutions, goals and their targets. */
export async function formOptions(db: Db) {
	const [organizations, goals, targets] = await Promise.all([
		profiles.organizationGroups(db),
		agenda2030.goals(db, getLocale()),
		experiences.sdgTargets(db)
	]);
	return { organizations, goals, targets };
}
