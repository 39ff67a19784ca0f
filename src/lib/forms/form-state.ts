// Reads what a failed form action sent back (see $lib/server/forms/parse): the values the
// person typed, a message per field and an optional message for the whole form.

export interface FormState {
	value: (name: string) => string;
	values: (name: string) => string[];
	error: (name: string) => string | undefined;
	errors: Record<string, string>;
	message: string | undefined;
}

interface Returned {
	values?: Record<string, string | string[]>;
	errors?: Record<string, string>;
	message?: string;
}

export function formState(form: unknown): FormState {
	const f = (form ?? {}) as Returned;
	const errors = f.errors ?? {};
	return {
		value: (name) => {
			const v = f.values?.[name];
			return typeof v === 'string' ? v : '';
		},
		values: (name) => {
			const v = f.values?.[name];
			return v === undefined ? [] : Array.isArray(v) ? v : [v];
		},
		error: (name) => errors[name],
		errors,
		message: f.message
	};
}

export interface ShownValues {
	/** True after a refused submit: the fields show what the person typed. */
	typed: boolean;
	value: (name: string) => string;
	list: (name: string) => string[];
	/** A field's name, shown value and error, to spread onto a field: `{...shown.field('title')}`. */
	field: (name: string) => { name: string; value: string; error: string | undefined };
}

/** What an add-or-edit form shows: what was typed after a refused submit (nothing is lost),
 * otherwise the initial values. */
export function shownValues(f: FormState, initial: Record<string, string | string[]>): ShownValues {
	const typed = Object.keys(f.errors).length > 0 || Boolean(f.message);
	const value = (name: string) => (typed ? f.value(name) : String(initial[name] ?? ''));
	return {
		typed,
		value,
		field: (name) => ({ name, value: value(name), error: f.error(name) }),
		list: (name) => {
			if (typed) return f.values(name);
			const v = initial[name];
			return v === undefined ? [] : Array.isArray(v) ? v : [v];
		}
	};
}
