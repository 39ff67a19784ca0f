import { m } from '$lib/paraglide/messages.js';
import type { SuggestedObject, Suggestion } from './suggestion-list';

// How a suggestion is named to people: by whom, and what it would do in a line. The panel, the
// card at the cursor and the history's decisions all say it the same way.

export const nameOf = (s: Suggestion) => s.author?.name ?? m.suggest_unknown_author();

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

function objectName(o: SuggestedObject): string {
	if (o.type === 'image')
		return o.alt ? m.suggest_object_image({ alt: clip(o.alt) }) : m.suggest_object_image_plain();
	return o.type === 'rule' ? m.suggest_object_rule() : m.suggest_object_other();
}

export function summaryOf(s: Suggestion): string {
	const parts = [];
	if (s.deleted.trim()) parts.push(m.suggest_delete({ text: clip(s.deleted.trim()) }));
	if (s.inserted.trim()) parts.push(m.suggest_insert({ text: clip(s.inserted.trim()) }));
	const formatted = s.formattedText.trim();
	if (s.formatted) {
		parts.push(formatted ? m.suggest_format_text({ text: clip(formatted) }) : m.suggest_format());
	}
	for (const o of s.deletedObjects) parts.push(m.suggest_delete_object({ object: objectName(o) }));
	for (const o of s.insertedObjects) parts.push(m.suggest_insert_object({ object: objectName(o) }));
	return parts.join(' · ') || m.suggest_break();
}
