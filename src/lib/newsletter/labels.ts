import { m } from '$lib/paraglide/messages.js';
import type { ItemKind } from './types';

// Labels shared by the compose page, the archive and the mail (which passes its own locale).

type Locale = 'sv' | 'en';

const kinds: Record<ItemKind, (locale?: Locale) => string> = {
	document: (locale) => m.newsletter_kind_document({}, locale ? { locale } : undefined),
	experience: (locale) => m.newsletter_kind_experience({}, locale ? { locale } : undefined),
	research: (locale) => m.newsletter_kind_research({}, locale ? { locale } : undefined),
	event: (locale) => m.newsletter_kind_event({}, locale ? { locale } : undefined),
	documentation: (locale) => m.newsletter_kind_documentation({}, locale ? { locale } : undefined),
	other: (locale) => m.newsletter_kind_other({}, locale ? { locale } : undefined)
};

export function kindLabel(kind: ItemKind, locale?: Locale): string {
	return (kinds[kind] ?? kinds.other)(locale);
}
