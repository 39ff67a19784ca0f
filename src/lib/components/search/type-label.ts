import { m } from '$lib/paraglide/messages.js';
import type { HitType } from './hit-types';

// What kind of thing a search hit is, in the reader's language (results page and type-ahead).

const labels: Record<HitType, () => string> = {
	experience: m.search_type_experience,
	document: m.search_type_document,
	research: m.search_type_research,
	thread: m.search_type_thread,
	reply: m.search_type_reply,
	group: m.search_type_group,
	event: m.search_type_event,
	organization: m.search_type_organization,
	person: m.search_type_person
};

export const typeLabel = (type: HitType) => labels[type]();
