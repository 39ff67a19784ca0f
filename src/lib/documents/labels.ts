import { m } from '$lib/paraglide/messages.js';

// Names of a document's kind and status in the reader's language, for every page that shows them.

import type { DocumentKind, DocumentStatus } from './kinds.ts';

export { documentKinds, documentStatuses } from './kinds.ts';

const kindLabels: Record<DocumentKind, () => string> = {
	model: m.documents_kind_model,
	tool: m.documents_kind_tool,
	process: m.documents_kind_process,
	minutes: m.documents_kind_minutes,
	other: m.documents_kind_other
};
const statusLabels: Record<DocumentStatus, () => string> = {
	draft: m.documents_status_draft,
	review: m.documents_status_review,
	published: m.documents_status_published
};

export const kindLabel = (kind: DocumentKind) => kindLabels[kind]();
export const statusLabel = (status: DocumentStatus) => statusLabels[status]();
