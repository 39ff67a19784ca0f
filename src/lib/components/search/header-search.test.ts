import { describe, expect, it } from 'vitest';
import { HeaderSearch, type Suggestion } from './header-search.svelte.ts';

// The type-ahead's state with a fake server: debouncing, aborting stale requests, the keyboard.

const hit = (title: string): Suggestion => ({
	type: 'document',
	title,
	href: `/docs/${title}`,
	context: null
});

/** A fetch whose answers the test releases by hand, recording what was asked and aborted. */
function fakeServer() {
	const calls: { url: string; signal: AbortSignal; answer: (hits: Suggestion[]) => void }[] = [];
	const fetcher = ((url: string, init: RequestInit) =>
		new Promise<Response>((resolve, reject) => {
			init.signal!.addEventListener('abort', () =>
				reject(new DOMException('aborted', 'AbortError'))
			);
			calls.push({
				url,
				signal: init.signal!,
				answer: (hits) => resolve(Response.json({ hits, corrected: null }))
			});
		})) as unknown as typeof fetch;
	return { calls, fetcher };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('HeaderSearch', () => {
	it('asks once typing pauses, and aborts a request that newer typing overtakes', async () => {
		const server = fakeServer();
		const search = new HeaderSearch(server.fetcher, 20);
		search.input('k');
		search.input('ko');
		search.input('kom');
		await tick(40);
		expect(server.calls.map((c) => c.url)).toEqual(['/search/suggest?q=kom']);
		search.input('komm');
		expect(server.calls[0]!.signal.aborted).toBe(true);
		await tick(40);
		server.calls[1]!.answer([hit('Kommun')]);
		await tick();
		expect(search.hits.map((h) => h.title)).toEqual(['Kommun']);
		expect(search.expanded).toBe(true);
		expect(search.answered).toBe(true);
	});

	it('moves the highlight with wrap-around; Enter goes to it or to the results page', async () => {
		const server = fakeServer();
		const search = new HeaderSearch(server.fetcher, 0);
		search.input('plan å');
		await tick(5);
		server.calls[0]!.answer([hit('a'), hit('b')]);
		await tick();
		expect(search.activeHref).toBeNull();
		search.move(1);
		expect(search.activeHref).toBe('/docs/a');
		search.move(1);
		search.move(1);
		expect(search.activeHref).toBe('/search?q=plan%20%C3%A5');
		search.move(1);
		expect(search.activeHref).toBe('/docs/a');
		search.move(-1);
		expect(search.active).toBe(2);
		search.close();
		expect(search.activeHref).toBeNull();
		expect(search.expanded).toBe(false);
	});

	it('clears everything for an empty field without asking the server', async () => {
		const server = fakeServer();
		const search = new HeaderSearch(server.fetcher, 0);
		search.input('   ');
		await tick(5);
		expect(server.calls).toEqual([]);
		search.move(1);
		expect(search.expanded).toBe(false);
	});
});
