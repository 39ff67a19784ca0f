import type { Db } from '$lib/server/platform';
import type { Theme } from '$lib/academy/types';

// The year's theme, decided by the working group. Anyone reads; administrators write (RLS).

interface Row {
	year: number;
	title_sv: string;
	title_en: string;
	description_sv: string;
	description_en: string;
	decided_on: string;
	decided_by: string;
}

const toTheme = (r: Row): Theme => ({
	year: r.year,
	titleSv: r.title_sv,
	titleEn: r.title_en,
	descriptionSv: r.description_sv,
	descriptionEn: r.description_en,
	decidedOn: r.decided_on,
	decidedBy: r.decided_by
});

function failed(error: { message: string }): never {
	throw new Error(`academy themes: ${error.message}`);
}

export async function list(db: Db): Promise<Theme[]> {
	const { data, error } = await db
		.from('academy_themes')
		.select('*')
		.order('year', { ascending: false });
	if (error) failed(error);
	return (data as Row[]).map(toTheme);
}

export async function forYear(db: Db, year: number): Promise<Theme | null> {
	const { data, error } = await db.from('academy_themes').select('*').eq('year', year);
	if (error) failed(error);
	const row = (data as Row[])[0];
	return row ? toTheme(row) : null;
}

/** Records the working group's decision for a year (replacing an earlier one for it). */
export async function save(db: Db, theme: Theme): Promise<boolean> {
	const { data, error } = await db
		.from('academy_themes')
		.upsert({
			year: theme.year,
			title_sv: theme.titleSv,
			title_en: theme.titleEn,
			description_sv: theme.descriptionSv,
			description_en: theme.descriptionEn,
			decided_on: theme.decidedOn,
			decided_by: theme.decidedBy
		})
		.select('year');
	if (error?.code === '42501') return false;
	if (error) failed(error);
	return (data as unknown[]).length > 0;
}
