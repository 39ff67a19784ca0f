import type { Db } from '$lib/server/platform';
import type { Application, ApplicationStatus } from '$lib/academy/types';

// An officer applies for their own municipality or region to take part in a year; an
// administrator approves (which makes the participation and its contribution in one
// transaction, public.approve_academy_application) or declines. One open or approved
// application per municipality and year: the unique index refuses a second one.

export interface ApplicationInput {
	year: number;
	representativeName: string;
	representativeEmail: string;
	message: string;
}

export type Applied =
	| { ok: true; id: string }
	| { ok: false; reason: 'duplicate' | 'participating' | 'not_municipality' };

interface Row {
	id: string;
	year: number;
	organization_id: string;
	organizations: { name: string };
	representative_name: string;
	representative_email: string;
	message: string;
	status: ApplicationStatus;
	created_at: string;
	decided_at: string | null;
}

const columns =
	'id, year, organization_id, organizations!inner(name), representative_name, representative_email, message, status, created_at, decided_at';

const toApplication = (r: Row): Application => ({
	id: r.id,
	year: r.year,
	organizationId: r.organization_id,
	organizationName: r.organizations.name,
	representativeName: r.representative_name,
	representativeEmail: r.representative_email,
	message: r.message,
	status: r.status,
	createdAt: r.created_at,
	decidedAt: r.decided_at
});

function failed(error: { message: string }): never {
	throw new Error(`academy applications: ${error.message}`);
}

export async function apply(
	db: Db,
	applicant: { id: string; organizationId: string | null },
	input: ApplicationInput
): Promise<Applied> {
	if (!applicant.organizationId) return { ok: false, reason: 'not_municipality' };
	const { data: taking } = await db
		.from('academy_participants')
		.select('id')
		.eq('year', input.year)
		.eq('organization_id', applicant.organizationId);
	if (taking?.length) return { ok: false, reason: 'participating' };
	const { data, error } = await db
		.from('academy_applications')
		.insert({
			year: input.year,
			organization_id: applicant.organizationId,
			applicant_id: applicant.id,
			representative_name: input.representativeName,
			representative_email: input.representativeEmail,
			message: input.message
		})
		.select('id');
	if (error?.code === '23505') return { ok: false, reason: 'duplicate' };
	if (error?.code === '42501') return { ok: false, reason: 'not_municipality' };
	if (error) failed(error);
	return { ok: true, id: (data as { id: string }[])[0]!.id };
}

/** The applications the person made (RLS shows their own). */
export async function mine(db: Db, userId: string): Promise<Application[]> {
	const { data, error } = await db
		.from('academy_applications')
		.select(columns)
		.eq('applicant_id', userId)
		.order('created_at', { ascending: false });
	if (error) failed(error);
	return (data as unknown as Row[]).map(toApplication);
}

export async function pending(db: Db): Promise<Application[]> {
	const { data, error } = await db
		.from('academy_applications')
		.select(columns)
		.eq('status', 'pending')
		.order('created_at');
	if (error) failed(error);
	return (data as unknown as Row[]).map(toApplication);
}

export type Decided = { ok: true } | { ok: false; reason: 'not_pending' | 'participating' };

export async function approve(db: Db, id: string, amountSek: number): Promise<Decided> {
	const { error } = await db.rpc('approve_academy_application', {
		application: id,
		amount: amountSek
	});
	if (error?.code === '23505') return { ok: false, reason: 'participating' };
	if (error?.code === 'P0002' || error?.code === '42501' || error?.code === '22P02') {
		return { ok: false, reason: 'not_pending' };
	}
	if (error) failed(error);
	return { ok: true };
}

export async function decline(db: Db, adminId: string, id: string): Promise<boolean> {
	const { data, error } = await db
		.from('academy_applications')
		.update({ status: 'declined', decided_by: adminId, decided_at: new Date().toISOString() })
		.eq('id', id)
		.eq('status', 'pending')
		.select('id');
	if (error?.code === '22P02') return false;
	if (error) failed(error);
	return (data as unknown[]).length > 0;
}

/** The person's organization when it may apply (a municipality or a region), else null. */
export async function eligibleOrganization(
	db: Db,
	organizationId: string | null
): Promise<{ id: string; name: string } | null> {
	if (!organizationId) return null;
	const { data, error } = await db
		.from('organizations')
		.select('id, name')
		.eq('id', organizationId)
		.in('kind', ['kommun', 'region']);
	if (error) failed(error);
	return (data as { id: string; name: string }[])[0] ?? null;
}
