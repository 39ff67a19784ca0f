import type { Db } from './supabase.ts';

// The organizations a person can say they belong to, for sign-up and profile forms.

export interface OrganizationChoice {
	slug: string;
	name: string;
	kind: 'kommun' | 'region' | 'university' | 'association' | 'other';
	county: string | null;
}

const kindOrder = ['kommun', 'region', 'university', 'association', 'other'];

export async function choices(db: Db): Promise<OrganizationChoice[]> {
	const { data, error } = await db.from('organizations').select('slug, name, kind, county');
	if (error) throw new Error(`organizations: ${error.message}`);
	const collator = new Intl.Collator('sv');
	return (data as OrganizationChoice[]).sort(
		(a, b) =>
			kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || collator.compare(a.name, b.name)
	);
}

export async function idOf(db: Db, slug: string): Promise<string | null> {
	const { data, error } = await db
		.from('organizations')
		.select('id')
		.eq('slug', slug)
		.maybeSingle();
	if (error) throw new Error(`organizations: ${error.message}`);
	return (data?.id as string | undefined) ?? null;
}
