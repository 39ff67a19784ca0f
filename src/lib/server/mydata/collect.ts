import type { Sql } from 'postgres';

// What Erfa keeps about one person, for "Ladda ner mina uppgifter". Each query selects rows by
// the person's own id (author, owner, uploader) and drops columns that name someone else
// (who hid a post, who resolved a comment, who acted in a notification): the export holds
// the person's data and nobody else's. The privileged driver is used because some rows are
// not readable through REST (sessions, hidden posts of one's own), and each query is scoped.

export interface FileEntry {
	id: string;
	kind: 'experience_attachment' | 'document_image' | 'research_file';
	filename: string;
	mediaType: string;
	sizeBytes: number;
	sha256: string;
	createdAt: Date;
}

export interface Collected {
	profile: unknown;
	account: unknown;
	security: unknown;
	memberships: unknown[];
	joinRequests: unknown[];
	threads: unknown[];
	replies: unknown[];
	experiences: unknown[];
	comments: { documents: unknown[]; research: unknown[] };
	events: unknown[];
	documents: unknown[];
	research: unknown[];
	notifications: unknown[];
	files: FileEntry[];
}

/** Columns that name another person, never exported. */
const OTHERS = [
	'hidden_by',
	'resolved_by',
	'decided_by',
	'actor_id',
	'invited_by',
	'search_vector'
];

const rows = (q: PromiseLike<readonly { row: unknown }[]>) => q.then((r) => r.map((x) => x.row));

async function person(sql: Sql, userId: string) {
	const [profile] = await sql`select jsonb_build_object('id', p.id, 'name', p.name,
		'title', p.title, 'organization', o.name, 'bio', p.bio, 'expertise', p.expertise,
		'sdg_interests', p.sdg_interests, 'role', p.role, 'created_at', p.created_at,
		'updated_at', p.updated_at) as row
		from public.profiles p left join public.organizations o on o.id = p.organization_id
		where p.id = ${userId}`;
	const [account] = await sql`select jsonb_build_object('email', email,
		'email_verified_at', email_verified_at, 'locale', locale, 'notify_email', notify_email,
		'notify_in_app', notify_in_app, 'created_at', created_at) as row
		from public.accounts where user_id = ${userId}`;
	// Whether two-factor is on, never the secret or the recovery codes.
	const [security] = await sql`select jsonb_build_object(
		'two_factor_enabled', exists (select 1 from erfa_private.totp where user_id = ${userId} and enabled_at is not null),
		'sessions', coalesce((select jsonb_agg(jsonb_build_object('created_at', created_at,
			'last_used_at', last_used_at, 'device', user_agent) order by created_at)
			from erfa_private.sessions where user_id = ${userId}), '[]')) as row`;
	return { profile: profile?.row ?? null, account: account?.row ?? null, security: security?.row };
}

async function groupsOf(sql: Sql, userId: string) {
	return {
		memberships: await rows(sql`select jsonb_build_object('group', g.name, 'slug', g.slug,
			'role', m.role, 'joined_at', m.joined_at) as row
			from public.group_members m join public.groups g on g.id = m.group_id
			where m.user_id = ${userId} order by m.joined_at`),
		joinRequests: await rows(sql`select to_jsonb(r) - ${OTHERS}::text[] - 'user_id' as row
			from public.join_requests r where r.user_id = ${userId} order by r.created_at`)
	};
}

async function writing(sql: Sql, userId: string) {
	const strip = sql`${OTHERS}::text[]`;
	return {
		threads: await rows(sql`select to_jsonb(t) - ${strip} - 'author_id' as row
			from public.threads t where t.author_id = ${userId} order by t.created_at`),
		replies: await rows(sql`select to_jsonb(r) - ${strip} - 'author_id' as row
			from public.replies r where r.author_id = ${userId} order by r.created_at`),
		experiences: await rows(sql`select to_jsonb(e) - ${strip} - 'author_id' as row
			from public.experiences e where e.author_id = ${userId} order by e.created_at`),
		comments: {
			documents: await rows(sql`select to_jsonb(c) - ${strip} - 'author_id' as row
				from public.document_comments c where c.author_id = ${userId} order by c.created_at`),
			research: await rows(sql`select to_jsonb(c) - ${strip} - 'author_id' as row
				from public.research_comments c where c.author_id = ${userId} order by c.created_at`)
		},
		events: await rows(sql`select to_jsonb(e) - ${strip} - 'created_by' as row
			from public.events e where e.created_by = ${userId} order by e.created_at`),
		// What the person started; a document's text is everyone's who wrote it, so only its details.
		documents: await rows(sql`select jsonb_build_object('id', d.id, 'title', d.title,
			'group', g.name, 'status', d.status, 'created_at', d.created_at) as row
			from public.documents d join public.groups g on g.id = d.group_id
			where d.created_by = ${userId} order by d.created_at`),
		research: await rows(sql`select to_jsonb(r) - ${strip} - 'created_by' as row
			from public.research r where r.created_by = ${userId} order by r.created_at`),
		notifications: await rows(sql`select to_jsonb(n) - ${strip} - 'user_id' as row
			from public.notifications n where n.user_id = ${userId} order by n.created_at`)
	};
}

async function files(sql: Sql, userId: string): Promise<FileEntry[]> {
	const found = await sql`
		select id, 'experience_attachment' as kind, filename, media_type, size_bytes, sha256, created_at
			from public.attachments where uploaded_by = ${userId}
		union all
		select id, 'document_image', filename, media_type, size_bytes, sha256, created_at
			from public.document_files where uploaded_by = ${userId}
		union all
		select id, 'research_file', filename, media_type, size_bytes, sha256, created_at
			from public.research_files where uploaded_by = ${userId}
		order by created_at`;
	return found.map((f) => ({
		id: f.id,
		kind: f.kind,
		filename: f.filename,
		mediaType: f.media_type,
		sizeBytes: f.size_bytes,
		sha256: f.sha256,
		createdAt: f.created_at
	}));
}

export async function collect(sql: Sql, userId: string): Promise<Collected> {
	return {
		...(await person(sql, userId)),
		...(await groupsOf(sql, userId)),
		...(await writing(sql, userId)),
		files: await files(sql, userId)
	};
}
