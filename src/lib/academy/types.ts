// Bergslagsakademin as its pages see it (browser-safe).

export interface Theme {
	year: number;
	titleSv: string;
	titleEn: string;
	descriptionSv: string;
	descriptionEn: string;
	decidedOn: string;
	decidedBy: string;
}

/** What anyone may see of a participant: who takes part in which year. */
export interface Participant {
	id: string;
	year: number;
	organizationId: string;
	name: string;
	slug: string;
	kind: string;
}

/** What administrators see besides: the representative and the agreed contribution. */
export interface Participation extends Participant {
	representativeName: string | null;
	representativeEmail: string | null;
	amountSek: number | null;
	settledAt: string | null;
}

export type ApplicationStatus = 'pending' | 'approved' | 'declined';

export interface Application {
	id: string;
	year: number;
	organizationId: string;
	organizationName: string;
	representativeName: string;
	representativeEmail: string;
	message: string;
	status: ApplicationStatus;
	createdAt: string;
	decidedAt: string | null;
}

export interface Interest {
	id: number;
	name: string;
	organization: string;
	kind: 'company' | 'university' | 'other';
	email: string;
	message: string;
	createdAt: string;
}

export const DEFAULT_CONTRIBUTION_SEK = 10_000;
