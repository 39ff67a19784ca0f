import { m } from '$lib/paraglide/messages.js';
import type { VersionKind } from '$lib/server/documents';

// What kind of version it is, in the reader's language.

const labels: Record<VersionKind, () => string> = {
	auto: m.versions_kind_auto,
	status: m.versions_kind_status,
	named: m.versions_kind_named,
	restore: m.versions_kind_restore
};

export const kindLabel = (kind: VersionKind) => labels[kind]();
