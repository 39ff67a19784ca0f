import { describe, expect, it } from 'vitest';
import {
	jsonBodies,
	paramKeys,
	pathOf,
	plan,
	skipped,
	TEXT,
	withText
} from '../../../../tests/support/fuzz.ts';
import { routeInventory } from '../../../../tests/support/routes.ts';

// The end-to-end fuzz (tests/fuzz.spec.ts) posts hostile text to every form action and request
// handler in src/routes. Its list comes from the source, so a new route is fuzzed without being
// told; this checks, without a server, that nothing keeps a route from being covered.

describe('the fuzz plan', () => {
	it('covers every action and handler, or says why not', () => {
		const { targets, problems } = plan();
		expect(problems).toEqual([]);
		const covered = new Set(targets.map((t) => `${t.file.routeId} ${t.name}`));
		for (const file of routeInventory()) {
			for (const name of file.names) {
				const id = `${file.routeId} ${name}`;
				expect(covered.has(id) || skipped[id] !== undefined, id).toBe(true);
			}
		}
	});

	it('finds actions however a route declares them', () => {
		const names = (routeId: string) =>
			routeInventory().find((f) => f.routeId === routeId && f.kind === 'actions')?.names;
		// Shorthand keys, `satisfies`, and an object imported from another file.
		expect(names('/groups/[slug]/discussions/[id]')).toEqual([
			'reply',
			'edit',
			'remove',
			'answer',
			'pin'
		]);
		expect(names('/research/[id]')).toContain('comment');
		expect(names('/groups/[slug]/experiences/new')).toEqual(['default']);
		const comments = routeInventory().find((f) => f.routeId === '/docs/[id]/comments');
		expect(comments).toMatchObject({ kind: 'handlers', names: ['GET', 'POST'] });
	});

	it('fails a route it cannot fill in, and a skip or body for a route that is gone', () => {
		const route = {
			file: 'src/routes/things/[thing]/+page.server.ts',
			routeId: '/things/[thing]',
			kind: 'actions' as const,
			names: ['default']
		};
		const { problems } = plan([route], []);
		expect(problems).toContain(`${route.file}: no paramSources entry for /things/[thing]`);
		expect(problems.some((p) => p.startsWith('skipped lists /logout POST'))).toBe(true);
		expect(Object.keys(jsonBodies).every((id) => problems.some((p) => p.includes(id)))).toBe(true);
	});

	it('fills in parameters and fuzz text', () => {
		const keys = paramKeys('/docs/[id]/comments/[commentId]/replies');
		expect(keys).toEqual(['/docs/[id]', '/docs/[id]/comments/[commentId]']);
		const values = { [keys[0]!]: 'd', [keys[1]!]: 'c' };
		expect(pathOf('/docs/[id]/comments/[commentId]/replies', values)).toBe(
			'/docs/d/comments/c/replies'
		);
		expect(withText({ action: 'edit', body: TEXT, n: [TEXT, 1] }, '\u0000')).toEqual({
			action: 'edit',
			body: '\u0000',
			n: ['\u0000', 1]
		});
	});
});
