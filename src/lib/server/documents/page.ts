import { error } from '@sveltejs/kit';
import { sql, type Db } from '$lib/server/platform';
import { offerUnreadFrom } from '$lib/server/notifications';
import { links, radar, type ResearchLink } from '$lib/server/research';
import type { DocumentAccess } from './access.ts';
import { authors } from './authors.ts';
import { threadsOf, type Row as CommentRow, type Thread } from './comments.ts';
import * as documents from './documents.ts';
import { accessAndStateKey, cachedReadingHTML } from './reading-cache.ts';
import { toUse, type Use } from './uses.ts';

// The document page's data (issue 17): the document, the caller's role, the comment threads
// with the members they may mention, the uses, the research links, the authors and the unread
// count for the header in one round trip (public.document_page, security invoker), next to the
// privileged rights check, which also reads the stored state's key, and the reading HTML kept
// per stored state (reading-cache.ts). Each part is read as the
// separate calls read it and mapped by the same functions.

export interface DocumentPage extends DocumentAccess {
	html: string;
	comments: Thread[];
	uses: Use[];
	links: ResearchLink[];
	/** The research radar's suggestions (empty signed out). */
	radar: radar.RadarHit[];
	/** Who wrote it, for the printed page (empty signed out: names are for members). */
	authors: string[];
}

/** What the page reads of the request. */
type Event = { locals: Pick<App.Locals, 'user' | 'supabase'>; params: { id?: string } };
type Parts = Record<'comments' | 'members' | 'uses' | 'links' | 'radar' | 'authors', unknown[]> & {
	role: string | null;
	/** The document as documents.get reads it; null when the caller may not read it. */
	document: Record<string, unknown> | null;
	/** Signed in: how many of the caller's notifications are unread. */
	unread: number | null;
};

/** The page's parts as the caller may read them (RLS decides; nothing for an unreadable one). */
export async function pageParts(db: Db, documentId: string, userId: string | null) {
	const { data, error: failure } = await db.rpc('document_page', {
		p_document: documentId,
		p_user: userId
	});
	if (failure) throw new Error(`documents.page: ${failure.message}`);
	return data as Parts;
}

/** The page for the caller: 404 when the document does not exist or they may not read it. */
export async function page(event: Event, notFound = 'Not found'): Promise<DocumentPage> {
	const user = event.locals.user;
	const id = event.params.id ?? '';
	if (!documents.isId(id)) error(404, notFound);
	const db = event.locals.supabase;
	const partsRead = pageParts(db, id, user?.id ?? null);
	// The header's unread badge comes from the same call (notifications/unread.ts).
	if (user) offerUnreadFrom(event.locals, partsRead);
	const [{ access, key }, parts] = await Promise.all([
		accessAndStateKey(sql(), id, user?.id ?? null),
		partsRead
	]);
	const document = parts.document && documents.toDocument(parts.document);
	if (!document || !access) error(404, notFound);
	const coordinator = parts.role === 'coordinator';
	const canManage = access === 'write' && (user?.role === 'admin' || coordinator);
	// The text drawn here, so that readers need no editor (open suggestions for members).
	const html = await cachedReadingHTML(sql(), id, { suggestions: user !== null }, key);
	const members = parts.members as { id: string; name: string }[];
	return {
		user,
		document,
		access,
		canManage,
		html,
		comments: threadsOf(parts.comments as CommentRow[], members),
		uses: (parts.uses as Record<string, unknown>[]).map(toUse),
		links: (parts.links as Record<string, unknown>[]).map(links.toLink),
		// Signed in only: the radar's suggestions and the refresh they ask for are the caller's.
		radar: user
			? radar.hitsFor(db, { document: id }, parts.radar as Record<string, unknown>[])
			: [],
		authors: authors(document, parts.authors as { id: string; name: string }[])
	};
}
