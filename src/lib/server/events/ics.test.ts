import { describe, expect, it } from 'vitest';
import { calendar, escapeText, fold } from './ics.ts';

const event = {
	id: '0b7c3a4e-1111-4222-8333-444455556666',
	title: 'Bergslagen 2030 – årskonferens',
	description: 'Dag 1; workshops, mingel\nTa med: dator\\laddare',
	startsAt: '2026-05-15T07:00:00.000Z',
	endsAt: '2026-05-15T14:00:00.000Z',
	location: 'Folkets hus, Ludvika',
	onlineUrl: null,
	updatedAt: '2026-01-02T03:04:05.678Z'
};

describe('iCalendar', () => {
	it('escapes backslashes, semicolons, commas and line breaks in text', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});

	it('folds long lines at 75 octets without splitting a character', () => {
		const line = `SUMMARY:${'å'.repeat(60)}`;
		const folded = fold(line).split('\r\n');
		expect(folded.length).toBeGreaterThan(1);
		for (const part of folded)
			expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
		expect(folded.slice(1).every((p) => p.startsWith(' '))).toBe(true);
		expect(folded.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
	});

	it('writes one event in UTC with CRLF line ends', () => {
		const text = calendar(event, 'https://erfa.example/events/x', 'erfa.example');
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.split('\r\n').filter(Boolean)).toEqual([
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//Erfa//Evenemang//SV',
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH',
			'BEGIN:VEVENT',
			`UID:${event.id}@erfa.example`,
			'DTSTAMP:20260102T030405Z',
			'DTSTART:20260515T070000Z',
			'DTEND:20260515T140000Z',
			'SUMMARY:Bergslagen 2030 – årskonferens',
			'DESCRIPTION:Dag 1\\; workshops\\, mingel\\nTa med: dator\\\\laddare',
			'LOCATION:Folkets hus\\, Ludvika',
			'URL:https://erfa.example/events/x',
			'END:VEVENT',
			'END:VCALENDAR'
		]);
	});
});
