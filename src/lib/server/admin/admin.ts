import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth';
import type { Role } from '$lib/server/people';
import type { Db } from '$lib/server/platform';

// The administration area: people, the e-mail outbox and accessibility reports. Every read and
// write goes through the administrator's own supabase client, so row-level security and the
// profile guard trigger stay the last word; the checks here give clear answers before that.

export const ROLES = ['member', 'researcher', 'admin'] as const satisfies readonly Role[];
export const REPORT_STATUSES = ['new', 'in_progress', 'resolved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const PAGE_SIZE = 50;

/** Call at the top of every admin load and action: RLS is the backstop, not the only check. */
export function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const { user } = event.locals;
	if (!user) {
		// An action's URL ("?/role") is no place to come back to; its page is.
		const search = event.url.search.startsWith('?/') ? '' : event.url.search;
		const back = encodeURIComponent(event.url.pathname + search);
		redirect(303, `/login?returnTo=${back}`);
	}
	if (user.role !== 'admin') error(403, 'Forbidden');
	return user;
}

export interface Page<T> {
	rows: T[];
	total: number;
	page: number;
	pages: number;
}

export type Change = { ok: true } | { ok: false; reason: 'self' | 'forbidden' | 'not_found' };

function failed(what: string, e: { code?: string; message: string }): never {
	throw new Error(`${what}: ${e.message} (${e.code ?? 'no code'})`);
}

function range(page: number): [number, number] {
	const from = (Math.max(1, page) - 1) * PAGE_SIZE;
	return [from, from + PAGE_SIZE - 1];
}

function paged<T>(rows: T[], total: number | null, page: number): Page<T> {
	const count = total ?? rows.length;
	return { rows, total: count, page, pages: Math.max(1, Math.ceil(count / PAGE_SIZE)) };
}

/** A page number from a query string: anything odd means the first page. */
export function pageParam(value: string | null): number {
	const n = Number(value);
	return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

// --- People ---

export interface UserRow {
	id: string;
	name: string;
	title: string | null;
	email: string | null;
	emailVerified: boolean;
	organization: { name: string; slug: string } | null;
	role: Role;
	deactivatedAt: string | null;
	createdAt: string;
}

const USER_COLUMNS =
	'id, name, title, role, deactivated_at, created_at, organization:organizations(name, slug), account:accounts(email, email_verified_at)';

interface UserRecord {
	id: string;
	name: string;
	title: string | null;
	role: Role;
	deactivated_at: string | null;
	created_at: string;
	organization: { name: string; slug: string } | null;
	account: { email: string; email_verified_at: string | null } | null;
}

function toUser(r: UserRecord): UserRow {
	return {
		id: r.id,
		name: r.name,
		title: r.title,
		email: r.account?.email ?? null,
		emailVerified: Boolean(r.account?.email_verified_at),
		organization: r.organization,
		role: r.role,
		deactivatedAt: r.deactivated_at,
		createdAt: r.created_at
	};
}

/** A search term safe inside a PostgREST `or=(…)` value: quoted, wildcards dropped. */
function quotedLike(term: string): string {
	return `"*${term.replace(/[\\"*%]/g, ' ').trim()}*"`;
}

/** Ids whose address contains the term; capped so the follow-up request stays short. */
async function idsByEmail(db: Db, term: string): Promise<string[]> {
	const { data, error: e } = await db
		.from('accounts')
		.select('user_id')
		.ilike('email', `*${term.replace(/[*%]/g, '')}*`)
		.limit(300);
	if (e) failed('admin.users', e);
	return (data as { user_id: string }[]).map((r) => r.user_id);
}

/** People by name, optionally those whose name or e-mail address contains `q`. */
export async function users(db: Db, options: { q?: string; page?: number } = {}) {
	const page = options.page ?? 1;
	let query = db.from('profiles').select(USER_COLUMNS, { count: 'exact' });
	const q = options.q?.trim();
	if (q) {
		const ids = await idsByEmail(db, q);
		const byId = ids.length ? `,id.in.(${ids.join(',')})` : '';
		query = query.or(`name.ilike.${quotedLike(q)}${byId}`);
	}
	const {
		data,
		error: e,
		count
	} = await query
		.order('name')
		.order('id')
		.range(...range(page));
	if (e) failed('admin.users', e);
	return paged((data as unknown as UserRecord[]).map(toUser), count, page);
}

export async function user(db: Db, id: string): Promise<UserRow | null> {
	const { data, error: e } = await db.from('profiles').select(USER_COLUMNS).eq('id', id);
	if (e?.code === '22P02') return null; // not a uuid
	if (e) failed('admin.user', e);
	const [row] = data as unknown as UserRecord[];
	return row ? toUser(row) : null;
}

async function updateProfile(
	db: Db,
	userId: string,
	values: { role?: Role; deactivated_at?: string | null }
): Promise<Change> {
	const { data, error: e } = await db.from('profiles').update(values).eq('id', userId).select('id');
	if (e?.code === '42501') return { ok: false, reason: 'forbidden' };
	if (e?.code === '22P02') return { ok: false, reason: 'not_found' };
	if (e) failed('admin.updateProfile', e);
	return data.length ? { ok: true } : { ok: false, reason: 'not_found' };
}

/** Gives a person another role. Nobody changes their own (the database refuses it too). */
export async function setRole(
	db: Db,
	actorId: string,
	userId: string,
	role: Role
): Promise<Change> {
	if (actorId === userId) return { ok: false, reason: 'self' };
	return updateProfile(db, userId, { role });
}

/** Deactivates (their sessions end at once, by trigger) or reactivates a person. */
export async function setActive(
	db: Db,
	actorId: string,
	userId: string,
	active: boolean
): Promise<Change> {
	if (actorId === userId) return { ok: false, reason: 'self' };
	return updateProfile(db, userId, { deactivated_at: active ? null : new Date().toISOString() });
}

// --- E-mail outbox ---

export interface OutboxRow {
	id: number;
	to: string;
	subject: string;
	createdAt: string;
	sentAt: string | null;
	attempts: number;
	lastError: string | null;
}

export interface OutboxMessage extends OutboxRow {
	text: string;
}

// PostgREST renames the columns (`alias:column`), so rows arrive in the app's shape.
const OUTBOX_COLUMNS =
	'id, to:to_address, subject, createdAt:created_at, sentAt:sent_at, attempts, lastError:last_error';

/** What the app has written, newest first. Empty for anyone but administrators (RLS). */
export async function outbox(db: Db, page = 1): Promise<Page<OutboxRow>> {
	const {
		data,
		error: e,
		count
	} = await db
		.from('outbox')
		.select(OUTBOX_COLUMNS, { count: 'exact' })
		.order('created_at', { ascending: false })
		.order('id', { ascending: false })
		.range(...range(page));
	if (e) failed('admin.outbox', e);
	return paged(data as unknown as OutboxRow[], count, page);
}

export async function outboxMessage(db: Db, id: number): Promise<OutboxMessage | null> {
	const { data, error: e } = await db
		.from('outbox')
		.select(`${OUTBOX_COLUMNS}, text:body_text`)
		.eq('id', id)
		.maybeSingle();
	if (e) failed('admin.outboxMessage', e);
	return data as unknown as OutboxMessage | null;
}

// --- Accessibility reports ---

export interface Report {
	id: number;
	reporter: { id: string; name: string } | null;
	contactEmail: string | null;
	pageUrl: string | null;
	description: string;
	status: ReportStatus;
	createdAt: string;
}

export async function reports(
	db: Db,
	options: { status?: ReportStatus | null; page?: number } = {}
): Promise<Page<Report>> {
	const page = options.page ?? 1;
	let query = db
		.from('accessibility_reports')
		.select(
			'id, contactEmail:contact_email, pageUrl:page_url, description, status, createdAt:created_at, reporter:profiles(id, name)',
			{ count: 'exact' }
		);
	if (options.status) query = query.eq('status', options.status);
	const {
		data,
		error: e,
		count
	} = await query
		.order('created_at', { ascending: false })
		.order('id', { ascending: false })
		.range(...range(page));
	if (e) failed('admin.reports', e);
	return paged(data as unknown as Report[], count, page);
}

export async function setReportStatus(db: Db, id: number, status: ReportStatus): Promise<Change> {
	const { data, error: e } = await db
		.from('accessibility_reports')
		.update({ status })
		.eq('id', id)
		.select('id');
	if (e?.code === '42501') return { ok: false, reason: 'forbidden' };
	if (e) failed('admin.setReportStatus', e);
	return data.length ? { ok: true } : { ok: false, reason: 'not_found' };
}

// --- Overview ---

export type Overview = Record<'people' | 'deactivated' | 'unsent' | 'newReports', number>;

export async function overview(db: Db): Promise<Overview> {
	// Counts as GETs for no rows, not HEADs (as notifications.unreadCount: a HEAD costs a new
	// connection to PostgREST).
	const count = { count: 'exact' } as const;
	const results = await Promise.all([
		db.from('profiles').select('id', count).limit(0),
		db.from('profiles').select('id', count).not('deactivated_at', 'is', null).limit(0),
		db.from('outbox').select('id', count).is('sent_at', null).limit(0),
		db.from('accessibility_reports').select('id', count).eq('status', 'new').limit(0)
	]);
	for (const r of results) if (r.error) failed('admin.overview', r.error);
	const [people, deactivated, unsent, newReports] = results.map((r) => r.count ?? 0);
	return { people: people!, deactivated: deactivated!, unsent: unsent!, newReports: newReports! };
}
