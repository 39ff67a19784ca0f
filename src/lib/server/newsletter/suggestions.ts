import { m } from '$lib/paraglide/messages.js';
import type { Db } from '$lib/server/platform';
import type { NewsletterItem } from '$lib/newsletter/types';

// What happened since the last issue, offered to the editor as items to pick from: published
// public documents (tools and models), experiences shared with everyone, new public research
// (with its goals), the documentation of meetings held, and coming public events. Read with the editor's client; only what anyone
// may read is offered, since the newsletter and its archive are public.

const HALF_YEAR_MS = 183 * 86_400_000;
const LIMIT = 15;

function short(text: string, max = 240): string {
	const clean = text.replace(/\s+/g, ' ').trim();
	return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

async function since(db: Db): Promise<string> {
	const { data } = await db
		.from('newsletter_issues')
		.select('sent_at')
		.eq('status', 'sent')
		.order('sent_at', { ascending: false })
		.limit(1);
	const last = (data as { sent_at: string }[] | null)?.[0]?.sent_at;
	return last ?? new Date(Date.now() - HALF_YEAR_MS).toISOString();
}

async function documents(db: Db, from: string): Promise<NewsletterItem[]> {
	const { data } = await db
		.from('documents')
		.select('id, title, summary')
		.eq('status', 'published')
		.eq('is_public', true)
		.gt('published_at', from)
		.order('published_at', { ascending: false })
		.limit(LIMIT);
	return ((data ?? []) as { id: string; title: string; summary: string }[]).map((d) => ({
		kind: 'document',
		title: d.title,
		summary: short(d.summary),
		url: `/docs/${d.id}`
	}));
}

async function experiences(db: Db, from: string): Promise<NewsletterItem[]> {
	const { data } = await db
		.from('experiences')
		.select('id, title, summary, groups(slug)')
		.eq('status', 'published')
		.eq('shared_with_all', true)
		.is('hidden_at', null)
		.gt('published_at', from)
		.order('published_at', { ascending: false })
		.limit(LIMIT);
	type Row = { id: string; title: string; summary: string; groups: { slug: string } | null };
	return ((data ?? []) as unknown as Row[])
		.filter((e) => e.groups)
		.map((e) => ({
			kind: 'experience',
			title: e.title,
			summary: short(e.summary),
			url: `/groups/${e.groups!.slug}/experiences/${e.id}`
		}));
}

async function research(db: Db, from: string): Promise<NewsletterItem[]> {
	const { data } = await db
		.from('research')
		.select('id, title, abstract, goals')
		.eq('visibility', 'public')
		.gt('created_at', from)
		.order('created_at', { ascending: false })
		.limit(LIMIT);
	type Row = { id: string; title: string; abstract: string; goals: number[] };
	return ((data ?? []) as Row[]).map((r) => ({
		kind: 'research',
		title: r.title,
		summary: short(
			[r.goals.length ? m.newsletter_goals({ goals: r.goals.join(', ') }) : '', r.abstract]
				.filter(Boolean)
				.join(' · ')
		),
		url: `/research/${r.id}`
	}));
}

async function events(db: Db): Promise<NewsletterItem[]> {
	const { data } = await db
		.from('events')
		.select('id, title, starts_at, location')
		.eq('visibility', 'public')
		.gt('starts_at', new Date().toISOString())
		.order('starts_at')
		.limit(LIMIT);
	type Row = { id: string; title: string; starts_at: string; location: string | null };
	return ((data ?? []) as Row[]).map((e) => ({
		kind: 'event',
		title: e.title,
		summary: [new Date(e.starts_at).toISOString().slice(0, 10), e.location]
			.filter(Boolean)
			.join(', '),
		url: `/events/${e.id}`
	}));
}

// Public meetings held since the last issue whose programme has been documented (a summary,
// a recording or slides): "the conference's documentation", linked to its public programme.
async function documentation(db: Db, from: string): Promise<NewsletterItem[]> {
	const { data } = await db
		.from('events')
		.select('id, title, ends_at, event_sessions(summary, recording_url, event_session_files(id))')
		.eq('visibility', 'public')
		.gt('ends_at', from)
		.lt('ends_at', new Date().toISOString())
		.order('ends_at', { ascending: false })
		.limit(LIMIT);
	type Session = { summary: string; recording_url: string | null; event_session_files: unknown[] };
	type Row = { id: string; title: string; event_sessions: Session[] };
	const documented = (s: Session) =>
		s.summary.trim() !== '' || s.recording_url !== null || s.event_session_files.length > 0;
	return ((data ?? []) as unknown as Row[]).flatMap((e) => {
		const count = e.event_sessions.filter(documented).length;
		if (count === 0) return [];
		return [
			{
				kind: 'documentation' as const,
				title: e.title,
				summary: m.newsletter_documented_sessions({ count }),
				url: `/events/${e.id}/programme`
			}
		];
	});
}

/** Suggestions grouped by kind, in the order the issue usually takes. */
export async function gather(db: Db): Promise<{ since: string; items: NewsletterItem[] }> {
	const from = await since(db);
	const found = await Promise.all([
		documents(db, from),
		experiences(db, from),
		research(db, from),
		documentation(db, from),
		events(db)
	]);
	return { since: from, items: found.flat() };
}
