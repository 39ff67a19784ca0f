// The collaboration socket (/collab/<id>) is on the page's own host. svelte.config.js allows
// connections to 'self' only; CSP Level 3 counts ws:/wss: to the same host and port as 'self',
// but not every browser does (Safari long kept Level 2's meaning), so the socket's address is
// also named explicitly. The host is known only per request (ORIGIN, or the Host header when
// ORIGIN is unset), hence here and not in the static configuration.

const PLAIN_HOST = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

/** The policy with ws(s)://<host> added to its connect-src, for a page served at `url`. */
export function withOwnWebsocket(policy: string, url: URL): string {
	// Anything but a plain host name (or IP) and port is left out rather than written in.
	if (!PLAIN_HOST.test(url.host)) return policy;
	const own = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
	return policy
		.split(';')
		.map((directive) => {
			const trimmed = directive.trim();
			return /^connect-src(?:\s|$)/i.test(trimmed) ? `${trimmed} ${own}` : trimmed;
		})
		.filter(Boolean)
		.join('; ');
}
