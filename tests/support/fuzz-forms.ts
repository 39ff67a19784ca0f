// Forms as the pages render them (read by the browser with scripts off, so defaults, selected
// options and checked boxes are what a person would submit), and the fuzzed submissions made
// from them: real hidden ids and choices, hostile text in the fields people type into.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import type { App } from './fuzz-app.ts';

export interface Field {
	name: string;
	/** text: typed by people (fuzzed); hidden: ids and state; fixed: choices, numbers, dates. */
	kind: 'text' | 'hidden' | 'fixed' | 'file';
	value: string;
	type: string;
	maxLength: number | null;
}

export interface Form {
	/** Path and action name this form posts to. */
	path: string;
	action: string;
	multipart: boolean;
	fields: Field[];
}

/** The POST forms on a page, as the one `request` signs in sees it. */
export async function formsOn(app: App, request: APIRequestContext, path: string): Promise<Form[]> {
	const response = await request.get(path, { maxRedirects: 0 });
	if (!response.ok()) return [];
	await app.reader.setContent(await response.text(), { waitUntil: 'domcontentloaded' });
	const raw = await app.reader.evaluate(readForms);
	return raw.map(({ action, ...form }) => {
		const url = new URL(action, new URL(path, app.origin));
		const named = url.search.startsWith('?/') ? url.search.slice(2).split('&')[0]! : 'default';
		return { ...form, path: url.pathname, action: named };
	});
}

// Runs in the browser: plain DOM, no closures over Node values.
function readForms() {
	const posting = [...document.querySelectorAll('form')].filter(
		(f) => (f.getAttribute('method') ?? '').toLowerCase() === 'post'
	);
	return posting.map((form) => {
		const fields: Field[] = [];
		for (const element of [...form.elements] as HTMLInputElement[]) {
			const tag = element.tagName.toLowerCase();
			const type = tag === 'input' ? element.type : tag;
			if (!element.name || element.disabled) continue;
			if (['submit', 'button', 'reset', 'image', 'fieldset', 'output'].includes(type)) {
				// The first named submit button's value is part of what a person submits.
				if (type === 'submit' && !fields.some((f) => f.name === element.name))
					fields.push({
						name: element.name,
						kind: 'fixed',
						value: element.value,
						type,
						maxLength: null
					});
				continue;
			}
			if ((type === 'checkbox' || type === 'radio') && !element.checked) continue;
			if (tag === 'select') {
				const select = element as unknown as HTMLSelectElement;
				const chosen = [...select.selectedOptions].map((o) => o.value);
				for (const value of chosen.length ? chosen : [select.options[0]?.value ?? ''])
					fields.push({ name: element.name, kind: 'fixed', value, type, maxLength: null });
				continue;
			}
			const typed =
				(tag === 'textarea' || ['text', 'search'].includes(type)) &&
				!element.getAttribute('pattern') &&
				!element.readOnly;
			const kind = typed
				? 'text'
				: type === 'hidden'
					? 'hidden'
					: type === 'file'
						? 'file'
						: 'fixed';
			const maxLength = element.maxLength > 0 ? element.maxLength : null;
			fields.push({ name: element.name, kind, value: element.value, type, maxLength });
		}
		return {
			action: form.getAttribute('action') ?? '',
			multipart: form.enctype === 'multipart/form-data',
			fields
		};
	});
}

const nextYear = new Date().getFullYear() + 1;
/** Valid values for fields left empty, so that a form gets past them to the fuzzed text. */
const filler: Record<string, string> = {
	email: 'fuzz@example.test',
	url: 'https://example.test/',
	number: '1',
	date: `${nextYear}-05-15`,
	'datetime-local': `${nextYear}-05-15T10:00`,
	time: '10:00',
	password: 'fel-lösenord-1234',
	tel: '0701234567'
};
/** Text that passes as a title, a name, a reason or a slug alike. */
const BENIGN = 'provtext-fran-fuzz';

const fit = (text: string, field: Field) =>
	field.maxLength === null ? text : text.slice(0, field.maxLength);

/** One submission: every field as rendered, `text` in the typed ones (`only`: in that one). */
export function fill(form: Form, text: string, only?: string): [string, string][] {
	return form.fields
		.filter((f) => f.kind !== 'file')
		.map((f) => {
			if (f.kind !== 'text') return [f.name, f.value || (filler[f.type] ?? '')];
			if (only === undefined || only === f.name) return [f.name, text];
			return [f.name, f.value || fit(BENIGN, f)];
		});
}

/**
 * A file for multipart forms: Markdown with hostile text in its content and its name (less the
 * characters a multipart header cannot carry, which would fail the sender, not Erfa).
 */
export function upload(text: string): File {
	const name = [...text.slice(0, 40)].filter((c) => c >= ' ' && c !== '"' && c !== '\\');
	return new File([`# Rubrik ${text}\n\n${text}\n`], `fuzz-${name.join('')}.md`, {
		type: 'text/markdown'
	});
}

export function multipart(form: Form, entries: [string, string][], text: string): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	for (const f of form.fields) if (f.kind === 'file') data.append(f.name, upload(text));
	return data;
}

/**
 * The answer's status as far as the fuzz cares: an action asked for JSON reports its failures
 * in the body (`{ type: 'failure', status }`), its errors in the status itself.
 */
export async function statusOf(response: APIResponse): Promise<{ status: number; text: string }> {
	const text = await response.text().catch(() => '');
	let status = response.status();
	if (status < 500 && (response.headers()['content-type'] ?? '').includes('json')) {
		try {
			const body = JSON.parse(text) as { type?: string; status?: number };
			if (body.type === 'failure' && (body.status ?? 0) >= 500) status = body.status!;
		} catch {
			// Not JSON after all: the status alone decides.
		}
	}
	return { status, text: text.slice(0, 300) };
}

/** How a request is named in a failure: short, with invisible characters spelled out. */
export const label = (what: string, text: string | undefined) =>
	text === undefined
		? what
		: `${what} ${JSON.stringify(text.slice(0, 40))}${text.length > 40 ? '…' : ''}`;
