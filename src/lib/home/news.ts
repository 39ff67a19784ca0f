import { m } from '$lib/paraglide/messages.js';
import type { GroupNews } from './types';

/** public.my_group_news counts at most this many of each kind: this many means at least. */
export const NEWS_COUNT_CAP = 100;

type Kind = 'experiences' | 'threads' | 'replies' | 'documents';
type Count = (inputs: { count: number }) => string;

const kinds: [Kind, Count, () => string][] = [
	['experiences', m.home_news_experiences, m.home_news_experiences_many],
	['threads', m.home_news_threads, m.home_news_threads_many],
	['replies', m.home_news_replies, m.home_news_replies_many],
	['documents', m.home_news_documents, m.home_news_documents_many]
];

/** What is new in a group, kind by kind ("3 erfarenheter", "fler än 99 svar"); empty if nothing. */
export function newsParts(g: GroupNews): string[] {
	return kinds
		.filter(([kind]) => g[kind] > 0)
		.map(([kind, some, many]) => (g[kind] >= NEWS_COUNT_CAP ? many() : some({ count: g[kind] })));
}
