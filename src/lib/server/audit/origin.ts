import type { RequestEvent } from '@sveltejs/kit';

/** Who acts and from where, as an audit entry names them: the signed-in person, the address. */
export function origin(event: Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>) {
	let ip: string | null = null;
	try {
		ip = event.getClientAddress();
	} catch {
		// Not available in some test harnesses; the entry then says nothing about the address.
	}
	return {
		actorId: event.locals.user?.id ?? null,
		ip,
		userAgent: event.request.headers.get('user-agent')
	};
}
