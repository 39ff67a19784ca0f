// Browser-safe types: the shapes components receive from this domain.

export const kinds = ['seminar', 'workshop', 'conference', 'meeting', 'other'] as const;

export type Kind = (typeof kinds)[number];

/** How an event is held. */
export const modes = ['on_site', 'online', 'hybrid'] as const;
export type Mode = (typeof modes)[number];

/** How one participant takes part. */
export type Attendance = 'on_site' | 'online';

export type Ref = { slug: string; name: string } | null;

export interface EventSummary {
	id: string;
	title: string;
	kind: Kind;
	mode: Mode;
	startsAt: string;
	endsAt: string;
	location: string | null;
	/** Only for organizers and confirmed participants; null for everyone else. */
	onlineUrl: string | null;
	visibility: 'public' | 'members';
	sdgGoals: number[];
	group: Ref;
	organization: Ref;
}

export interface GroupChoice {
	id: string;
	slug: string;
	name: string;
}

export interface Registration {
	open: boolean;
	capacity: number | null;
	capacityOnSite: number | null;
	capacityOnline: number | null;
	deadline: string | null;
}

export interface Question {
	id: string;
	label: string;
	choices: string[];
	required: boolean;
	sensitive: boolean;
}

export interface Places {
	confirmed: number;
	onSite: number;
	online: number;
	waitlisted: number;
}

export type RegistrationStatus = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled';

export interface MyRegistration {
	id: string;
	status: RegistrationStatus;
	mode: Attendance;
	/** Place on the waitlist (1 = next), when waitlisted. */
	position: number | null;
}

export interface Participant {
	id: string;
	name: string;
	email: string | null;
	organization: string | null;
	guest: boolean;
	mode: Attendance;
	status: RegistrationStatus;
	position: number | null;
	attended: boolean;
	answers: Record<string, string>;
	createdAt: string;
}

export interface Speaker {
	/** The Erfa person, when the speaker has an account; null for a named guest. */
	personId: string | null;
	name: string;
	title: string;
	organization: string;
}

export interface SessionFile {
	id: string;
	filename: string;
	mediaType: string;
	sizeBytes: number;
}

export interface Session {
	id: string;
	kind: 'session' | 'break';
	title: string;
	description: string;
	startsAt: string;
	endsAt: string;
	room: string;
	track: string;
	summary: string;
	recordingUrl: string | null;
	speakers: Speaker[];
	files: SessionFile[];
}

/** A document holding an event's results, as its reader may see it. */
export interface ResultDocument {
	linkId: string;
	id: string;
	title: string;
	status: 'draft' | 'review' | 'published';
}
