/**
 * The value for `aria-describedby` of a form control whose hint and error (when present) carry
 * the ids `<id>-hint` and `<id>-error`, so screen readers read them with the field.
 */
export function describedBy(
	id: string,
	parts: { hint?: unknown; error?: unknown }
): string | undefined {
	const ids = [parts.hint ? `${id}-hint` : null, parts.error ? `${id}-error` : null];
	return ids.filter(Boolean).join(' ') || undefined;
}
