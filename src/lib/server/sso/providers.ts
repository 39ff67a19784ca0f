import type { Sql } from 'postgres';
import { encrypt } from '../platform/encryption.ts';
import type { ProviderOffer, ProviderSummary } from '../../sso/types.ts';

// Identity provider settings. Stored in erfa_private (no API role can read them) and read with
// the privileged driver: the admin routes check the role first, the login page learns only a
// provider's organization name. The client secret is written encrypted and never read back
// here; only client.ts decrypts it, to talk to the provider.

export const SECRET_PURPOSE = 'identity-provider-client-secret';

export interface ProviderInput {
	organizationId: string;
	issuer: string;
	clientId: string;
	/** Empty on an edit keeps the stored secret. */
	clientSecret: string;
	domains: string[];
}

export type Saved =
	{ ok: true; id: string } | { ok: false; reason: 'domain_taken' | 'issuer_taken' | 'not_found' };

export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

export async function list(sql: Sql, id?: string): Promise<ProviderSummary[]> {
	const rows = await sql`select p.id, p.issuer, p.client_id, p.updated_at, o.id as org_id,
			o.name as org_name,
			coalesce((select array_agg(d.domain order by d.domain)
				from erfa_private.identity_provider_domains d where d.provider_id = p.id), '{}') as domains
		from erfa_private.identity_providers p join public.organizations o on o.id = p.organization_id
		${id ? sql`where p.id = ${id}` : sql``}
		order by o.name, p.issuer`;
	return rows.map((r) => ({
		id: r.id,
		issuer: r.issuer,
		clientId: r.client_id,
		organization: { id: r.org_id, name: r.org_name },
		domains: r.domains,
		updatedAt: (r.updated_at as Date).toISOString()
	}));
}

const isUuid = (id: string) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function get(sql: Sql, id: string): Promise<ProviderSummary | null> {
	return isUuid(id) ? ((await list(sql, id))[0] ?? null) : null;
}

/** The provider serving an address's domain, for the login page's button. */
export async function forEmail(
	sql: Sql,
	email: string
): Promise<(ProviderOffer & { id: string }) | null> {
	const [row] = await sql`select p.id, o.name from erfa_private.identity_provider_domains d
		join erfa_private.identity_providers p on p.id = d.provider_id
		join public.organizations o on o.id = p.organization_id
		where d.domain = ${domainOf(email)}`;
	return row ? { id: row.id, name: row.name } : null;
}

async function upsert(tx: Sql, input: ProviderInput, secret: string | null, id?: string) {
	if (id) {
		return tx`update erfa_private.identity_providers set organization_id = ${input.organizationId},
				issuer = ${input.issuer}, client_id = ${input.clientId},
				client_secret_encrypted = coalesce(${secret}, client_secret_encrypted), updated_at = now()
			where id = ${id} returning id`;
	}
	return tx`insert into erfa_private.identity_providers
			(organization_id, issuer, client_id, client_secret_encrypted)
		values (${input.organizationId}, ${input.issuer}, ${input.clientId}, ${secret}) returning id`;
}

/** Creates (no id) or updates a provider and its domains in one transaction. */
export async function save(sql: Sql, input: ProviderInput, id?: string): Promise<Saved> {
	if (id !== undefined && !isUuid(id)) return { ok: false, reason: 'not_found' };
	const secret = input.clientSecret ? encrypt(input.clientSecret, SECRET_PURPOSE) : null;
	try {
		return await sql.begin(async (tx) => {
			const [row] = await upsert(tx as unknown as Sql, input, secret, id);
			if (!row) return { ok: false as const, reason: 'not_found' as const };
			await tx`delete from erfa_private.identity_provider_domains where provider_id = ${row.id}`;
			for (const domain of input.domains) {
				await tx`insert into erfa_private.identity_provider_domains (domain, provider_id)
					values (${domain}, ${row.id})`;
			}
			return { ok: true as const, id: row.id as string };
		});
	} catch (error) {
		const e = error as { code?: string; constraint_name?: string };
		if (e.code !== '23505') throw error;
		const reason = e.constraint_name?.includes('domains') ? 'domain_taken' : 'issuer_taken';
		return { ok: false, reason };
	}
}

export async function remove(sql: Sql, id: string): Promise<boolean> {
	if (!isUuid(id)) return false;
	const rows = await sql`delete from erfa_private.identity_providers where id = ${id} returning id`;
	return rows.length > 0;
}
