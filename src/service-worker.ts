/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

// Offline documents: the app's built files are kept from the start, and every document page a
// person opens is kept too (network first, the kept copy only when the network fails), so a
// document opened before opens again without a connection; its text then comes from the
// browser's own copy (y-indexeddb) and merges when the connection is back. Nothing else is
// cached, so every other page is always fresh. Logging out forgets the kept pages.

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `erfa-assets-${version}`;
const PAGES = 'erfa-documents';
const assets = new Set([...build, ...files]);
const documentPage = /^\/docs\/[0-9a-f-]{36}(\/__data\.json)?$/;

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(ASSETS).then((cache) => cache.addAll([...assets])));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((k) => k.startsWith('erfa-assets-') && k !== ASSETS)
						.map((k) => caches.delete(k))
				)
			)
	);
});

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		if (response.ok && response.status === 200) await cache.put(request, response.clone());
		return response;
	} catch (error) {
		const kept = await cache.match(request);
		if (kept) return kept;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.method === 'POST' && url.pathname === '/logout') {
		event.waitUntil(caches.delete(PAGES));
		return;
	}
	if (request.method !== 'GET') return;
	if (assets.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
	} else if (documentPage.test(url.pathname)) {
		event.respondWith(networkFirst(request));
	}
});
