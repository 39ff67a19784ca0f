// Types shared by the group modules (and the pages, through the domain's index).

/** What a notification needs to say which group and where to go. */
export interface GroupRef {
	id: string;
	slug: string;
	name: string;
}
