import { m } from '$lib/paraglide/messages.js';
import type { NotificationKind } from '$lib/notifications/types';

// What kind of event a notification is about, shown beside its title.
const labels: Record<NotificationKind, () => string> = {
	experience_published: m.notifications_kind_experience_published,
	thread_created: m.notifications_kind_thread_created,
	reply: m.notifications_kind_reply,
	mention: m.notifications_kind_mention,
	join_request: m.notifications_kind_join_request,
	join_approved: m.notifications_kind_join_approved,
	join_declined: m.notifications_kind_join_declined,
	invitation: m.notifications_kind_invitation,
	group_approved: m.notifications_kind_group_approved,
	content_hidden: m.notifications_kind_content_hidden,
	document_comment: m.notifications_kind_document_comment,
	document_status: m.notifications_kind_document_status,
	research_link_proposed: m.notifications_kind_research_link_proposed,
	research_link_decided: m.notifications_kind_research_link_decided,
	document_suggestion: m.notifications_kind_document_suggestion
};

export const kindLabel = (kind: NotificationKind): string => labels[kind]?.() ?? kind;
