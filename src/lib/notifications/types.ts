// Browser-safe shapes of a notification, shared by the inbox page, the e-mails and emit().

export type NotificationKind =
	| 'experience_published'
	| 'thread_created'
	| 'reply'
	| 'mention'
	| 'join_request'
	| 'join_approved'
	| 'join_declined'
	| 'invitation'
	| 'group_approved'
	| 'content_hidden'
	| 'document_comment'
	| 'document_status'
	| 'research_link_proposed'
	| 'research_link_decided'
	| 'document_suggestion';

/**
 * What a notification's sentence is made of. Stored with the row and rendered in the reader's
 * language when it is read or mailed, so nothing is frozen in the language of the moment it
 * was written. Every field is plain text written by people (names, titles, a passage).
 */
export interface NotificationParams {
	/** The person who acted, by name (an invitation, a request to join). */
	name?: string;
	/** The group's name. */
	group?: string;
	/** The title of the item (a hidden post). */
	title?: string;
	/** Why a moderator hid a post. */
	reason?: string;
	/** The passage that matters: the sentence with the mention, a reply's first lines, a summary. */
	excerpt?: string;
}
