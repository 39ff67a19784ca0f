import { m } from '$lib/paraglide/messages.js';
import type { registrations } from '$lib/server/events';

/** Why a registration was refused, in the visitor's language. */
export const refusals: Record<registrations.Refusal, () => string> = {
	not_allowed: m.meetings_refused_not_allowed,
	not_found: m.events_not_found,
	closed: m.meetings_refused_closed,
	deadline_passed: m.meetings_refused_deadline,
	wrong_mode: m.meetings_refused_mode,
	already_registered: m.meetings_refused_twice
};
