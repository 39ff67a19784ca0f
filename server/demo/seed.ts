import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { connect } from '../../src/lib/server/platform/services.ts';
import { seedDemoDocuments } from './documents.ts';
import { seedDemoEvents } from './events.ts';
import { seedDemoGroups } from './groups.ts';
import { seedDemoNewsletter } from './newsletter.ts';
import { seedDemoMeetings } from './meetings.ts';
import { seedDemoResearch } from './research.ts';
import { seedDemoSecurity, TWO_FACTOR_NOTE } from './security.ts';

// The demo dataset of shared/contract.md. Idempotent: a second run changes nothing, and it
// never overwrites what people changed on the demo accounts except their role and password.
// Later parts of Erfa (groups, documents, research, events) add their demo data here.

export const DEMO_PASSWORD = 'erfa-demo-2026';

export const demoPeople = [
	{
		email: 'admin@erfa.test',
		name: 'Maria Ståhl',
		title: 'Verksamhetsledare',
		organization: 'intresseforeningen-bergslaget',
		role: 'admin'
	},
	{
		email: 'anna.lind@avesta.test',
		name: 'Anna Lind',
		title: 'Näringslivsutvecklare',
		organization: 'avesta',
		role: 'member'
	},
	{
		email: 'erik.berg@ludvika.test',
		name: 'Erik Berg',
		title: 'Kommunikatör',
		organization: 'ludvika',
		role: 'member'
	},
	{
		email: 'sara.holm@oru.test',
		name: 'Sara Holm',
		title: 'Docent i kulturgeografi',
		organization: 'orebro-universitet',
		role: 'researcher'
	},
	{
		email: 'olle.ek@filipstad.test',
		name: 'Olle Ek',
		title: 'Folkhälsostrateg',
		organization: 'filipstad',
		role: 'member'
	}
] as const;

export async function seedDemo(
	databaseUrl: string,
	options: { print?: boolean } = {}
): Promise<void> {
	const sql = connect(databaseUrl, 1);
	try {
		const passwordHash = await hashPassword(DEMO_PASSWORD);
		await sql.begin(async (tx) => {
			const ids = new Map<string, string>();
			for (const person of demoPeople) {
				const [existing] =
					await tx`select user_id from public.accounts where email = ${person.email}`;
				let userId = existing?.user_id as string | undefined;
				if (!userId) {
					const [profile] =
						await tx`insert into public.profiles (name, title, organization_id, role)
						select ${person.name}, ${person.title}, id, ${person.role}
						from public.organizations where slug = ${person.organization} returning id`;
					userId = profile!.id as string;
					await tx`insert into public.accounts (user_id, email, email_verified_at)
						values (${userId}, ${person.email}, now())`;
				}
				await tx`update public.profiles set role = ${person.role}, deactivated_at = null where id = ${userId}`;
				await tx`insert into erfa_private.credentials (user_id, password_hash) values (${userId}, ${passwordHash})
					on conflict (user_id) do update set password_hash = excluded.password_hash`;
				ids.set(person.email, userId);
			}
			await seedDemoGroups(tx, ids);
			await seedDemoDocuments(tx, ids);
			await seedDemoResearch(tx, ids);
			await seedDemoEvents(tx, ids);
			await seedDemoSecurity(tx, ids);
			await seedDemoNewsletter(tx, ids);
			await seedDemoMeetings(tx, ids);
		});
	} finally {
		await sql.end({ timeout: 2 });
	}
	if (options.print) {
		console.log(`\nDemo accounts (password: ${DEMO_PASSWORD}):`);
		for (const p of demoPeople) console.log(`  ${p.email.padEnd(26)} ${p.name}, ${p.role}`);
		console.log(`\n${TWO_FACTOR_NOTE}`);
		console.log();
	}
}
