import type { Sql } from 'postgres';
import type { ExperienceInput } from '../../experiences/index.ts';
import { unique } from './unique.ts';

// Group content (experiences, threads, replies, events) inserted directly, and a valid input
// for the domain function that saves experiences.

export interface ExperienceOverrides {
	title?: string;
	summary?: string;
	status?: 'draft' | 'published';
	sdgGoals?: number[];
	sdgTargets?: string[];
	sharedWithAll?: boolean;
	hidden?: boolean;
	organizationId?: string | null;
	/** Defaults to now for a published report, none for a draft. */
	publishedAt?: Date | null;
}

/** A published experience report in a group, written straight into the table. */
export async function buildExperience(
	sql: Sql,
	groupId: string,
	authorId: string | null,
	overrides: ExperienceOverrides = {}
): Promise<{ id: string }> {
	const status = overrides.status ?? 'published';
	const [row] = await sql<{ id: string }[]>`
		insert into public.experiences (group_id, author_id, organization_id, title, summary, status,
			sdg_goals, sdg_targets, shared_with_all, hidden_at, published_at)
		values (${groupId}, ${authorId}, ${overrides.organizationId ?? null},
			${overrides.title ?? `Erfarenhet ${unique()}`}, ${overrides.summary ?? ''}, ${status},
			${overrides.sdgGoals ?? []}, ${overrides.sdgTargets ?? []}, ${overrides.sharedWithAll ?? false},
			${overrides.hidden ? new Date() : null},
			${publishedAt(overrides)})
		returning id`;
	return { id: row!.id };
}

const publishedAt = (o: ExperienceOverrides) =>
	o.publishedAt !== undefined
		? o.publishedAt
		: (o.status ?? 'published') === 'published'
			? new Date()
			: null;

export async function buildThread(
	sql: Sql,
	groupId: string,
	authorId: string,
	overrides: { title?: string; body?: string; pinned?: boolean } = {}
): Promise<{ id: string }> {
	const [row] = await sql<{ id: string }[]>`
		insert into public.threads (group_id, author_id, title, body, pinned)
		values (${groupId}, ${authorId}, ${overrides.title ?? `Tråd ${unique()}`},
			${overrides.body ?? 'Vad tycker ni?'}, ${overrides.pinned ?? false})
		returning id`;
	return { id: row!.id };
}

export async function buildReply(
	sql: Sql,
	threadId: string,
	authorId: string,
	overrides: { body?: string; deleted?: boolean } = {}
): Promise<{ id: string }> {
	const [row] = await sql<{ id: string }[]>`
		insert into public.replies (thread_id, author_id, body, deleted_at)
		values (${threadId}, ${authorId}, ${overrides.body ?? 'Bra fråga.'},
			${overrides.deleted ? new Date() : null})
		returning id`;
	return { id: row!.id };
}

export interface EventOverrides {
	title?: string;
	description?: string;
	startsAt?: Date;
	endsAt?: Date;
	groupId?: string | null;
	visibility?: 'public' | 'members';
	sdgGoals?: number[];
	location?: string | null;
	createdBy?: string | null;
}

/** A public seminar a week from now unless told otherwise. */
export async function buildEvent(
	sql: Sql,
	overrides: EventOverrides = {}
): Promise<{ id: string }> {
	const startsAt = overrides.startsAt ?? new Date(Date.now() + 7 * 86_400_000);
	const endsAt = overrides.endsAt ?? new Date(startsAt.getTime() + 2 * 3_600_000);
	const [row] = await sql<{ id: string }[]>`
		insert into public.events (title, description, starts_at, ends_at, location, group_id,
			sdg_goals, visibility, created_by)
		values (${overrides.title ?? `Seminarium ${unique()}`}, ${overrides.description ?? ''},
			${startsAt}, ${endsAt},
			${overrides.location === undefined ? 'Ludvika' : overrides.location},
			${overrides.groupId ?? null}, ${overrides.sdgGoals ?? []},
			${overrides.visibility ?? 'public'}, ${overrides.createdBy ?? null})
		returning id`;
	return { id: row!.id };
}

/** A valid experience report to pass to `experiences.save`, with overrides. */
export function experienceInput(overrides: Partial<ExperienceInput> = {}): ExperienceInput {
	return {
		title: 'Sommarjobb för unga i Avesta',
		summary: 'Vi gav 120 ungdomar sommarjobb.',
		background: 'Ungdomsarbetslösheten var hög.',
		actions: 'Vi samarbetade med det lokala näringslivet.',
		results: '**80 %** fick jobb året efter.',
		lessons: 'Börja rekrytera tidigt.',
		contactPerson: 'Anna Lind',
		organizationId: null,
		periodStart: '2023-05-01',
		periodEnd: '2023-08-01',
		sdgGoals: [8],
		sdgTargets: ['8.6'],
		sharedWithAll: false,
		...overrides
	};
}
