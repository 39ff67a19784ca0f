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
