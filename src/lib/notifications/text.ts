import { m } from '../paraglide/messages.js';
import type { NotificationKind, NotificationParams } from './types';

// A notification's sentence in the reader's language. Rows written before the parameters were
// stored (or without them) keep the title they were written with.

export type Locale = 'sv' | 'en';

export interface Renderable {
	kind: NotificationKind;
	title: string;
	params: NotificationParams | null;
	actorName: string | null;
}

type Render = (n: Renderable, p: NotificationParams, o: { locale?: Locale }) => string | null;

const hasGroup = (p: NotificationParams) => typeof p.group === 'string';
const who = (n: Renderable, p: NotificationParams) => p.name ?? n.actorName;

const sentences: Partial<Record<NotificationKind, Render>> = {
	group_approved: (_, p, o) =>
		hasGroup(p) ? m.groups_notice_approved({ group: p.group! }, o) : null,
	join_approved: (_, p, o) =>
		hasGroup(p) ? m.groups_notice_join_approved({ group: p.group! }, o) : null,
	join_declined: (_, p, o) =>
		hasGroup(p) ? m.groups_notice_join_declined({ group: p.group! }, o) : null,
	join_request: (n, p, o) =>
		hasGroup(p) && who(n, p)
			? m.groups_notice_join_request({ name: who(n, p)!, group: p.group! }, o)
			: null,
	invitation: (n, p, o) =>
		hasGroup(p) && who(n, p)
			? m.groups_notice_invitation({ name: who(n, p)!, group: p.group! }, o)
			: null,
	content_hidden: (_, p, o) =>
		p.title !== undefined && p.reason !== undefined
			? m.moderation_hidden_notification({ title: p.title, reason: p.reason }, o)
			: null
};

/** The notification's one line, in `locale` (default: the current request's language). */
export function headline(n: Renderable, locale?: Locale): string {
	const render = sentences[n.kind];
	const options = locale ? { locale } : {};
	return (render && render(n, n.params ?? {}, options)) ?? n.title;
}

const doings: Partial<Record<NotificationKind, typeof m.notifications_did_mention>> = {
	mention: m.notifications_did_mention,
	reply: m.notifications_did_reply,
	thread_created: m.notifications_did_thread_created,
	experience_published: m.notifications_did_experience_published,
	document_comment: m.notifications_did_document_comment,
	document_status: m.notifications_did_document_status,
	research_link_proposed: m.notifications_did_research_link_proposed,
	research_link_decided: m.notifications_did_research_link_decided,
	document_suggestion: m.notifications_did_document_suggestion
};

/**
 * Who did what, for items whose headline is the title of a thing ("Olle Ek mentioned you"):
 * null when the headline already says it or nobody is named.
 */
export function byline(n: Renderable, locale?: Locale): string | null {
	const doing = doings[n.kind];
	const name = n.actorName ?? n.params?.name;
	if (!doing || !name) return null;
	return doing({ name }, locale ? { locale } : {});
}
