import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's submit in flight: `use:enhance={pending.submit}` and `disabled={pending.busy}` keep a
 * second click from sending the form twice. What the person typed stays in the fields unless
 * `reset` is asked for (a failed submit must not lose their text).
 */
export class Pending {
	busy = $state(false);
	#reset: boolean;

	constructor(options: { reset?: boolean } = {}) {
		this.#reset = options.reset ?? false;
	}

	submit: SubmitFunction = () => {
		this.busy = true;
		return async ({ update }) => {
			try {
				await update({ reset: this.#reset });
			} finally {
				this.busy = false;
			}
		};
	};
}
