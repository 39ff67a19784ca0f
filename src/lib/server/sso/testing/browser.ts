// Plays the browser between Erfa and the test provider in Node tests: follows redirects with
// the provider's cookies, fills in its login form as `login`, and stops at the first address
// outside the provider (the relying party's callback), which it returns.

export async function authorize(authUrl: URL, login: string): Promise<URL> {
	const jar = new Map<string, string>();
	let url = authUrl;
	let form: string | undefined;
	for (let hop = 0; hop < 12; hop++) {
		const res = await fetch(url, {
			method: form ? 'POST' : 'GET',
			body: form,
			redirect: 'manual',
			headers: {
				cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
				...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
			}
		});
		for (const cookie of res.headers.getSetCookie()) {
			const pair = cookie.split(';')[0]!;
			jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
		}
		const location = res.headers.get('location');
		if (res.status === 200 && url.pathname.startsWith('/interaction/') && !form) {
			await res.text();
			form = new URLSearchParams({ login }).toString();
			continue;
		}
		if (!location) throw new Error(`stuck at ${url.href}: ${res.status} ${await res.text()}`);
		await res.text();
		const next = new URL(location, url);
		if (next.origin !== authUrl.origin) return next;
		url = next;
		form = undefined;
	}
	throw new Error('too many redirects at the test provider');
}
