import type { Participant, Question } from '../../events/types.ts';

// The participant list as CSV for the organizers' spreadsheets: UTF-8 with a byte order mark
// (Excel otherwise guesses the encoding), semicolons (Swedish Excel's separator), and cells
// that a spreadsheet would run as a formula (= + - @) prefixed with an apostrophe.

export interface CsvLabels {
	name: string;
	email: string;
	organization: string;
	guest: string;
	mode: string;
	status: string;
	position: string;
	attended: string;
	registeredAt: string;
	yes: string;
	no: string;
	modes: Record<Participant['mode'], string>;
	statuses: Record<Participant['status'], string>;
}

export function cell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function participantsCsv(list: Participant[], questions: Question[], l: CsvLabels): string {
	const header = [
		l.name,
		l.email,
		l.organization,
		l.guest,
		l.mode,
		l.status,
		l.position,
		l.attended,
		l.registeredAt,
		...questions.map((q) => q.label)
	];
	const rows = list.map((p) => [
		p.name,
		p.email ?? '',
		p.organization ?? '',
		p.guest ? l.yes : l.no,
		l.modes[p.mode],
		l.statuses[p.status],
		p.position?.toString() ?? '',
		p.attended ? l.yes : l.no,
		p.createdAt,
		...questions.map((q) => p.answers[q.id] ?? '')
	]);
	return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
