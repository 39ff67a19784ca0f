import { sql } from '$lib/server/platform';
import { emit, excerpt } from '$lib/server/notifications';
import { experiencePath, type Rights } from './context';

/** Tells the group's members that a report was just published (once: only the request that
 * made it published calls this). Privileged, since it writes other people's notifications. */
export async function announcePublished(
	rights: Rights,
	id: string,
	report: { title: string; summary: string }
): Promise<void> {
	const summary = excerpt.opening(report.summary);
	await emit(sql(), {
		kind: 'experience_published',
		groupId: rights.group.id,
		actorId: rights.userId,
		title: report.title,
		params: summary ? { excerpt: summary } : {},
		link: experiencePath(rights.group.slug, id),
		to: 'group_members'
	});
}
