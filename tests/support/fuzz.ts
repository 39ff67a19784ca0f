// What tests/fuzz.spec.ts sends, where, and as whom. Every form action and request handler that
// routes.ts finds in src/routes is fuzzed unless it is listed in `skipped` with the reason; a
// route parameter needs a source of real demo values in `paramSources`. plan() reports anything
// missing, so a new route fails the check (src/lib/server/testing/fuzz-plan.test.ts, and the
// spec itself) until it is covered. No Playwright here: vitest checks the plan without a server.
import { demoDocumentIds } from '../../server/demo/documents.ts';
import { METHODS, pageRoutes, routeInventory, type Method, type RouteFile } from './routes.ts';

/** Text that has answered 500 somewhere, or could: control characters, broken Unicode, size. */
export const hostile: readonly string[] = [
	'Hej\u0000 då',
	'\u0000',
	'a\u0001\u0008\u000b\u001b[31mb\u007f',
	'x\ud800y\udfff',
	'å'.repeat(10_240),
	"'); drop table x;--",
	'a & | ! :* ( <-> \\',
	'%zz %C3%28 %00 %',
	'<script>alert(1)</script>{{x}}${x}',
	'a\u030a\u202eb\ufeff'
];

/** Text in ISO 8859-1, one byte a letter: not UTF-8 once it has an å. */
function latin1(text: string): Uint8Array {
	return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** Bodies that are not what the content type says: broken escapes, broken UTF-8, bad JSON. */
export const rawBodies: readonly { contentType: string; body: string | Uint8Array }[] = [
	{ contentType: 'application/x-www-form-urlencoded', body: 'title=%zz&body=%C3%28%00&q=%' },
	{ contentType: 'application/x-www-form-urlencoded', body: '__proto__=a&__proto__=b&a=%00' },
	{
		contentType: 'application/x-www-form-urlencoded',
		body: new Uint8Array([0x74, 0x3d, 0xff, 0xfe, 0x26, 0x62, 0x3d, 0xc3, 0x28])
	},
	{ contentType: 'application/json', body: '{"body": "\\ud800", "title": "\\u0000"' },
	{ contentType: 'application/json', body: `${'['.repeat(5_000)}${']'.repeat(5_000)}` },
	{ contentType: 'application/json', body: '{"__proto__": {"admin": true}, "body": "\\udfff"}' },
	// ISO 8859-1 where UTF-8 is expected: {"body":"å"} and a CSV line with an å.
	{ contentType: 'application/json', body: latin1('{"body":"å"}') },
	{ contentType: 'text/csv', body: latin1('body\nå') }
];

/** Query strings sent raw (not re-encoded): the escapes themselves are the test. */
export const rawQueries: readonly string[] = [
	'q=%zz&page=%C3%28&type=%00&token=%',
	'q=%ED%A0%80&page=-1&goal=999999999999999999999',
	'q=a&q=b&page=1&page=2&sort=%27%29%3B+drop+table+x%3B--',
	'page=99999&q=x'
];

/** Query parameters the app reads through zod schemas rather than `searchParams.get('…')`. */
export const schemaQueryNames = [
	'goal',
	'institution',
	'kind',
	'language',
	'municipality',
	'organization',
	'returnTo',
	'sort',
	'target',
	'year'
];

export type Role = 'member' | 'researcher' | 'admin' | 'anonymous';

export const accounts: Record<Exclude<Role, 'anonymous'>, string> = {
	member: 'anna.lind@avesta.test', // coordinator of the demo group `attraktivitet`
	researcher: 'sara.holm@oru.test', // wrote the demo research
	admin: 'admin@erfa.test'
};

const under = (routeId: string, prefix: string) =>
	routeId === prefix || routeId.startsWith(`${prefix}/`);

/**
 * Who fuzzes a route: whoever gets furthest into it. The administrator under /admin and for
 * events (which the demo member may not edit), the researcher for research, nobody where
 * signing in is the point, the demo group's coordinator for everything else.
 */
export function roleFor(routeId: string): Role {
	if (under(routeId, '/admin') || under(routeId, '/events')) return 'admin';
	if (under(routeId, '/research')) return 'researcher';
	if (['/login', '/register', '/forgot-password', '/reset-password'].includes(routeId))
		return 'anonymous';
	return 'member';
}

/** `${routeId} ${action or method}` → why it is not fuzzed. */
export const skipped: Record<string, string> = {
	'/logout POST': 'reads no input, and ends the session every later request needs',
	'/events/[id] delete':
		'reads no input beyond the address, and would delete the event /events/[id]/edit is fuzzed on',
	'/groups/[slug] leave':
		'reads no input, and leaving would make every later group route refuse the fuzzing member',
	'/research/[id] delete':
		'reads no input beyond the address, and would delete the record the research routes are fuzzed on',
	'/profile/my-data delete':
		'would delete the demo member every later route needs (its input is one checkbox and a choice)',
	'/admin/users/[id] erase': 'would delete the demo person the admin routes are fuzzed on'
};

const uuid = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

export type ParamSource =
	/** A fixed demo value (server/demo). */
	| { value: string }
	/** The first match of `pattern` (group 1) on the page at `page`, read as `as`. */
	| { page: string; pattern: RegExp; as?: Role }
	/** Made by the spec before fuzzing (a comment thread, a named version). */
	| { made: 'comment' | 'version' }
	/** The demo has none: an id that exists nowhere, which the route must answer with 4xx. */
	| { unknown: string };

/** Keyed by the route id up to and including the parameter. */
export const paramSources: Record<string, ParamSource> = {
	// The demo's sent issue: saving or sending it again is refused, which is what is fuzzed.
	'/admin/newsletter/[id]': {
		page: '/newsletter',
		pattern: new RegExp(`/newsletter/${uuid}`),
		as: 'admin'
	},
	'/admin/identity-providers/[id]': { unknown: 'the demo has no identity providers' },
	'/admin/outbox/[id]': { unknown: 'the outbox of a fresh demo may be empty' },
	'/admin/themes/[id]': {
		page: '/admin/themes',
		pattern: new RegExp(`/admin/themes/${uuid}`),
		as: 'admin'
	},
	// Olle Ek: no other fuzzed route uses him, so deactivating him changes nothing else.
	'/admin/users/[id]': {
		page: '/admin/users?q=Olle',
		pattern: new RegExp(`/admin/users/${uuid}`),
		as: 'admin'
	},
	'/agenda2030/[n]': { value: '8' },
	'/attachments/[id]': { unknown: 'the demo has no attachments' },
	'/docs/[id]': { value: demoDocumentIds.attraktivitet },
	'/docs/[id]/comments/[commentId]': { made: 'comment' },
	'/docs/[id]/export/[format]': { value: 'md' },
	'/docs/[id]/history/[versionId]': { made: 'version' },
	'/docs/[id]/images/[fileId]': { unknown: 'the demo documents have no images' },
	'/events/[id]': { page: '/events', pattern: new RegExp(`/events/${uuid}`) },
	'/events/[id]/programme/[session]': {
		unknown: 'the first event on /events may have no programme; the route must answer 404'
	},
	'/events/[id]/programme/files/[fileId]': { unknown: 'slides are on the past seminar only' },
	'/events/feed/[token]': {
		unknown: 'a feed token is shown once to its owner; a forged one gets 404'
	},
	'/groups/[slug]': { value: 'attraktivitet' },
	'/groups/[slug]/discussions/[id]': {
		page: '/groups/attraktivitet/discussions',
		pattern: new RegExp(`/groups/attraktivitet/discussions/${uuid}`)
	},
	'/groups/[slug]/experiences/[id]': {
		page: '/groups/attraktivitet/experiences',
		pattern: new RegExp(`/groups/attraktivitet/experiences/${uuid}`)
	},
	'/groups/[slug]/experiences/[id]/history/[revision]': { value: '1' },
	'/map/[slug]': { value: 'avesta' },
	'/map/[slug]/[goal]': { value: '8' },
	'/newsletter/[id]': { page: '/newsletter', pattern: new RegExp(`/newsletter/${uuid}`) },
	'/notifications/[id]': { unknown: 'a fresh demo member has no notifications' },
	'/organizations/[slug]': { value: 'avesta' },
	'/profile/my-data/exports/[id]': { unknown: 'a fresh demo member has no exports' },
	'/research/[id]': { page: '/research', pattern: new RegExp(`/research/${uuid}`) },
	'/research/[id]/export/[format]': { value: 'bibtex' },
	'/research/[id]/files/[fileId]': { unknown: 'the demo research has no files' },
	'/research/export/[format]': { value: 'ris' },
	'/rest/v1/[...path]': { value: 'documents' },
	'/themes/[slug]': { value: 'attraktivitet' }
};

/** The keys of paramSources a route id needs, in order: `/docs/[id]/x/[y]` → two. */
export function paramKeys(routeId: string): string[] {
	const segments = routeId.split('/');
	return segments.flatMap((s, i) =>
		s.startsWith('[') ? [segments.slice(0, i + 1).join('/')] : []
	);
}

/** A route id with its parameters filled in. */
export function pathOf(routeId: string, values: Record<string, string>): string {
	return routeId
		.split('/')
		.map((s, i, all) => (s.startsWith('[') ? values[all.slice(0, i + 1).join('/')]! : s))
		.join('/');
}

/** Pages besides a route's own that carry its forms (shared components post across routes). */
export const formPages: Record<string, string[]> = {
	'/language': ['/'],
	'/moderation/hide': ['/groups/[slug]/discussions/[id]', '/groups/[slug]/experiences/[id]'],
	'/moderation/report': ['/groups/[slug]/discussions/[id]', '/groups/[slug]/experiences/[id]'],
	'/moderation/unhide': ['/groups/[slug]/discussions/[id]', '/groups/[slug]/experiences/[id]']
};

/** Where a JSON body takes the fuzz text. */
export const TEXT = '<fuzz>';

/** A comment anchor (two Yjs relative positions), as the editor sends it. */
export const anchor = {
	start: { type: { client: 7, clock: 0 }, assoc: 0 },
	end: { type: { client: 7, clock: 4 }, assoc: -1 }
};

/** JSON bodies for handlers that read JSON, valid but for TEXT, which the fuzz text replaces. */
export const jsonBodies: Record<string, Record<string, unknown>> = {
	'/docs/[id]/comments POST': { anchor, quote: TEXT, body: TEXT },
	'/docs/[id]/comments/[commentId] PATCH': { action: 'edit', body: TEXT },
	'/docs/[id]/comments/[commentId]/replies POST': { body: TEXT },
	'/rest/v1/[...path] POST': { title: TEXT, summary: TEXT },
	'/rest/v1/[...path] PATCH': { title: TEXT }
};

/** Field names posted to a target nobody's page offers a form for, besides those seen in forms. */
export const commonFields = [
	'title',
	'body',
	'name',
	'description',
	'q',
	'reason',
	'text',
	'email'
];

export interface Target {
	file: RouteFile;
	/** Action name (`default`) or HTTP method. */
	name: string;
	role: Role;
}

export interface Plan {
	targets: Target[];
	/** Pages to open with hostile query strings (and to read forms from). */
	pages: string[];
	/** Everything that keeps the plan from covering every route: must be empty. */
	problems: string[];
}

const fuzzable = new Set<Method>(METHODS.filter((m) => m !== 'OPTIONS'));

export function plan(inventory: RouteFile[] = routeInventory(), pages = pageRoutes()): Plan {
	const problems: string[] = [];
	const targets: Target[] = [];
	const known = new Set<string>();
	for (const file of inventory) {
		for (const key of paramKeys(file.routeId))
			if (!paramSources[key]) problems.push(`${file.file}: no paramSources entry for ${key}`);
		for (const name of file.names) {
			const id = `${file.routeId} ${name}`;
			known.add(id);
			if (skipped[id] !== undefined) {
				if (!skipped[id].trim()) problems.push(`${id}: skipped without a reason`);
				continue;
			}
			if (file.kind === 'handlers' && !fuzzable.has(name as Method))
				problems.push(`${file.file}: no fuzzing for ${name} handlers`);
			else targets.push({ file, name, role: roleFor(file.routeId) });
		}
		if (file.names.length === 0) problems.push(`${file.file}: no actions or handlers found`);
	}
	for (const id of Object.keys(skipped))
		if (!known.has(id)) problems.push(`skipped lists ${id}, which no route has`);
	for (const id of Object.keys(jsonBodies))
		if (!known.has(id)) problems.push(`jsonBodies lists ${id}, which no route has`);
	for (const [id, hosts] of Object.entries(formPages)) {
		if (!inventory.some((f) => f.routeId === id))
			problems.push(`formPages lists ${id}, not a route`);
		for (const host of hosts)
			if (!pages.includes(host)) problems.push(`formPages: ${host} is not a page`);
	}
	for (const page of pages)
		for (const key of paramKeys(page))
			if (!paramSources[key]) problems.push(`page ${page}: no paramSources entry for ${key}`);
	return { targets, pages, problems: [...new Set(problems)] };
}

/** `value` with every TEXT in it replaced by `text`. */
export function withText(value: unknown, text: string): unknown {
	if (value === TEXT) return text;
	if (Array.isArray(value)) return value.map((v) => withText(v, text));
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withText(v, text)]));
	return value;
}
