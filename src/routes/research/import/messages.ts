import { m } from '$lib/paraglide/messages.js';
import type { ParseError, ParseErrorCode, Problem } from '$lib/server/research';

// The importer's codes in the reader's language. Line numbers come from the parser.

const codes: Record<ParseErrorCode, () => string> = {
	too_large: m.research_import_error_too_large,
	too_many_entries: m.research_import_error_too_many,
	empty: m.research_import_error_empty,
	not_text: m.research_import_error_not_text,
	unknown_format: m.research_import_error_unknown_format,
	bibtex_unclosed_entry: m.research_import_error_bibtex_unclosed_entry,
	bibtex_unclosed_value: m.research_import_error_bibtex_unclosed_value,
	bibtex_missing_key: m.research_import_error_bibtex_missing_key,
	bibtex_undefined_macro: m.research_import_error_bibtex_undefined_macro,
	bibtex_syntax: m.research_import_error_bibtex_syntax,
	ris_outside_record: m.research_import_error_ris_outside_record,
	ris_missing_end: m.research_import_error_ris_missing_end,
	json_syntax: m.research_import_error_json_syntax,
	csl_not_list: m.research_import_error_csl_not_list,
	csl_bad_item: m.research_import_error_csl_bad_item
};

export function parseErrorMessage(error: Pick<ParseError, 'code' | 'line' | 'detail'>): string {
	const what = codes[error.code]();
	const detail = error.detail ? ` (${error.detail})` : '';
	return error.line
		? m.research_import_error_at_line({ line: error.line, what: what + detail })
		: what + detail;
}

export function problemMessage(p: Problem): string {
	switch (p.kind) {
		case 'missing_title':
			return m.research_problem_missing_title();
		case 'missing_year':
			return m.research_problem_missing_year();
		case 'bad_year':
			return m.research_problem_bad_year({ value: p.value });
		case 'bad_doi':
			return m.research_problem_bad_doi({ value: p.value });
		case 'bad_orcid':
			return m.research_problem_bad_orcid({ value: p.value, author: p.author });
		case 'bad_url':
			return m.research_problem_bad_url({ value: p.value });
		case 'duplicate':
			return m.research_problem_duplicate({ title: p.of.title });
		case 'duplicate_in_file':
			return m.research_problem_duplicate_in_file({ line: p.of.line });
		case 'undefined_macro':
			return m.research_problem_undefined_macro({ name: p.name, field: p.field, line: p.line });
		case 'too_long':
			return m.research_problem_too_long({ max: p.max });
	}
}
