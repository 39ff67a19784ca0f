import { describe, expect, it } from 'vitest';
import { participantsCsv, cell } from './export.ts';

const labels = {
	name: 'Namn',
	email: 'E-post',
	organization: 'Organisation',
	guest: 'Gäst',
	mode: 'Deltar',
	status: 'Status',
	position: 'Plats i kön',
	attended: 'Närvarade',
	registeredAt: 'Anmäld',
	yes: 'Ja',
	no: 'Nej',
	modes: { on_site: 'På plats', online: 'Digitalt' },
	statuses: {
		confirmed: 'Bekräftad',
		waitlisted: 'Väntelista',
		pending: 'Väntar',
		cancelled: 'Avbokad'
	}
} as const;

describe('participant CSV', () => {
	it('writes one row per participant with the answers, safe for spreadsheets', () => {
		const csv = participantsCsv(
			[
				{
					id: '1',
					name: 'Anna Lind',
					email: 'anna@avesta.test',
					organization: 'Avesta kommun',
					guest: false,
					mode: 'on_site',
					status: 'confirmed',
					position: null,
					attended: true,
					answers: { q: 'Vegetarisk; laktosfri' },
					createdAt: '2026-05-01T10:00:00Z'
				},
				{
					id: '2',
					name: '=HYPERLINK("x")',
					email: null,
					organization: null,
					guest: true,
					mode: 'online',
					status: 'waitlisted',
					position: 1,
					attended: false,
					answers: {},
					createdAt: '2026-05-02T10:00:00Z'
				}
			],
			[{ id: 'q', label: 'Specialkost', choices: [], required: false, sensitive: true }],
			{ ...labels, modes: { ...labels.modes }, statuses: { ...labels.statuses } }
		);
		const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe(
			'Namn;E-post;Organisation;Gäst;Deltar;Status;Plats i kön;Närvarade;Anmäld;Specialkost'
		);
		expect(lines[1]).toBe(
			'Anna Lind;anna@avesta.test;Avesta kommun;Nej;På plats;Bekräftad;;Ja;2026-05-01T10:00:00Z;"Vegetarisk; laktosfri"'
		);
		expect(lines[2]!.startsWith(`"'=HYPERLINK(""x"")";`)).toBe(true);
		expect(cell('-1')).toBe("'-1");
	});
});
