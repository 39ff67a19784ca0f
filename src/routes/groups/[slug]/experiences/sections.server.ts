import { render } from '$lib/server/platform';

// The Markdown parts of a report (or of one of its revisions) as safe HTML, for {@html}.

interface Texts {
	summary: string;
	background: string;
	actions: string;
	results: string;
	lessons: string;
}

export type RenderedSections = Record<keyof Texts, string>;

export const renderSections = (t: Texts): RenderedSections => ({
	summary: render(t.summary),
	background: render(t.background),
	actions: render(t.actions),
	results: render(t.results),
	lessons: render(t.lessons)
});
