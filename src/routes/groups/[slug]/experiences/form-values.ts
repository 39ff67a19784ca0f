import type { Experience } from '$lib/server/experiences';
import { monthValue } from './format';

// What the experience form starts with: a saved report's content, or an empty report with the
// author's organization chosen.

export interface FormValues {
	title: string;
	summary: string;
	background: string;
	actions: string;
	results: string;
	lessons: string;
	contact_person: string;
	organization: string;
	period_start: string;
	period_end: string;
	sdg: number[];
	targets: string[];
	shared: boolean;
}

export const blank = (organizationId: string | null): FormValues => ({
	title: '',
	summary: '',
	background: '',
	actions: '',
	results: '',
	lessons: '',
	contact_person: '',
	organization: organizationId ?? '',
	period_start: '',
	period_end: '',
	sdg: [],
	targets: [],
	shared: false
});

export const fromExperience = (e: Experience): FormValues => ({
	title: e.title,
	summary: e.summary,
	background: e.background,
	actions: e.actions,
	results: e.results,
	lessons: e.lessons,
	contact_person: e.contactPerson ?? '',
	organization: e.organization?.id ?? '',
	period_start: monthValue(e.periodStart),
	period_end: monthValue(e.periodEnd),
	sdg: e.sdgGoals,
	targets: e.sdgTargets,
	shared: e.sharedWithAll
});
