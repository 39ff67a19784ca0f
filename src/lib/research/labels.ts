import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';

// Names of research types and languages in the reader's language.

export const researchTypes = ['article', 'report', 'thesis', 'project', 'dataset'] as const;
export type ResearchType = (typeof researchTypes)[number];

const typeLabels: Record<ResearchType, () => string> = {
	article: m.research_type_article,
	report: m.research_type_report,
	thesis: m.research_type_thesis,
	project: m.research_type_project,
	dataset: m.research_type_dataset
};

export const typeLabel = (type: ResearchType) => typeLabels[type]();

/** "svenska", "engelska" … for an ISO 639-1 code, in the reader's language. */
export function languageLabel(code: string): string {
	try {
		return new Intl.DisplayNames([getLocale()], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}
