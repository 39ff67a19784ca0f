import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { fields } from '$lib/server/forms';
import type { Db } from '$lib/server/platform';

// Accessibility problem reports, the feedback channel the DOS law requires. Anyone may file
// one, signed in or not; only administrators read them (RLS), so the insert asks for nothing back.

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 4000;
export const PAGE_MAX = 500;

// PostgreSQL's length() counts characters, not UTF-16 units: count code points to agree with
// the table's check constraint.
const characters = (value: string) => [...value].length;

const blankToNull = (value: unknown) =>
	value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;

/** The report form's fields; parsing its own output gives the same output again. */
export const reportSchema = z.object({
	description: z
		.string({ error: () => m.field_required() })
		.trim()
		.min(1, { error: () => m.field_required() })
		.refine((v) => characters(v) >= DESCRIPTION_MIN, {
			error: () => m.a11y_report_description_short({ min: DESCRIPTION_MIN })
		})
		.refine((v) => characters(v) <= DESCRIPTION_MAX, {
			error: () => m.field_too_long({ max: DESCRIPTION_MAX })
		}),
	page: z.preprocess(
		blankToNull,
		z
			.string()
			.trim()
			.refine((v) => characters(v) <= PAGE_MAX, {
				error: () => m.field_too_long({ max: PAGE_MAX })
			})
			.nullable()
	),
	email: z.preprocess(blankToNull, fields.email().nullable())
});

export interface ReportInput {
	description: string;
	page?: string | null;
	email?: string | null;
}
export type Report = z.output<typeof reportSchema>;

export type Created = { ok: true } | { ok: false; errors: Record<string, string> };

/**
 * Files a report as the caller `db` acts for. `reporterId` is the signed-in person (RLS only
 * accepts their own id) or null for an anonymous visitor.
 */
export async function create(
	db: Db,
	input: ReportInput,
	reporterId: string | null
): Promise<Created> {
	const parsed = reportSchema.safeParse(input);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues)
			errors[String(issue.path[0] ?? 'form')] ??= issue.message;
		return { ok: false, errors };
	}
	const { description, page, email } = parsed.data;
	const { error } = await db.from('accessibility_reports').insert({
		reporter_id: reporterId,
		contact_email: email,
		page_url: page,
		description
	});
	if (error) throw new Error(`accessibility_reports: ${error.message}`);
	return { ok: true };
}

/** A `?page=` value worth prefilling the form with, or an empty string. */
export function pageHint(value: string | null): string {
	const trimmed = value?.trim() ?? '';
	return characters(trimmed) <= PAGE_MAX ? trimmed : '';
}
