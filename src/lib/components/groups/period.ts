import { m } from '$lib/paraglide/messages.js';

/** A theme's period as people write it: "2018–2019", or "Från 2024" while it runs on. */
export function period(theme: { startYear: number; endYear: number | null }): string {
	if (theme.endYear === null) return m.themes_period_open({ start: String(theme.startYear) });
	if (theme.endYear === theme.startYear) return String(theme.startYear);
	return m.themes_period({ start: String(theme.startYear), end: String(theme.endYear) });
}
