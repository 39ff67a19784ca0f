import { getContext, setContext } from 'svelte';
import type { Mentionable } from './mention-suggest';

// The comment forms of a document suggest whom to @mention; the page that holds them says
// where the list comes from. It is fetched once, the first time someone types an "@".

const KEY = Symbol('mentionables');

export type LoadMentionables = () => Promise<Mentionable[]>;

/** For the document's page: the members to suggest, from `url` (fetched once, on demand). */
export function provideMentionables(url: string): void {
	let loaded: Promise<Mentionable[]> | null = null;
	const load: LoadMentionables = () =>
		(loaded ??= fetch(url, { headers: { accept: 'application/json' } })
			.then((r) => (r.ok ? (r.json() as Promise<{ members: Mentionable[] }>) : { members: [] }))
			.then((body) => body.members)
			.catch(() => {
				loaded = null; // a network blip: try again on the next "@"
				return [];
			}));
	setContext(KEY, load);
}

/** The loader set by the page, or undefined where comments suggest no one. */
export const mentionables = (): LoadMentionables | undefined => getContext(KEY);
