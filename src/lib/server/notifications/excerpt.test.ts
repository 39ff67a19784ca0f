import { describe, expect, it } from 'vitest';
import { around, opening } from './excerpt.ts';

describe('notification excerpts', () => {
	it('gives the sentence around a mention, without Markdown', () => {
		const body =
			'Vi har testat det i Avesta. **Kan** @Anna Lind berätta hur ni gjorde med schemat? Tack på förhand!';
		expect(around(body, 'Anna Lind')).toBe('Kan @Anna Lind berätta hur ni gjorde med schemat?');
	});

	it('clips a long sentence around the mention and falls back to the opening', () => {
		const long = `${'ord '.repeat(200)}@Olle Ek kan du titta ${'mer '.repeat(100)}`;
		const piece = around(long, 'Olle Ek', 120);
		expect(piece).toContain('@Olle Ek kan du titta');
		expect(piece.length).toBeLessThanOrEqual(120);
		expect(around('Ingen nämns här.', 'Olle Ek')).toBe('Ingen nämns här.');
	});

	it('gives the first lines of a reply', () => {
		expect(opening('# Rubrik\n\nFörsta raden.\n\nAndra raden.', 40)).toBe(
			'Rubrik Första raden. Andra raden.'
		);
		expect(opening('x'.repeat(500), 100)).toHaveLength(100);
	});
});
