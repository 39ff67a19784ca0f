import type { Config } from '../../src/lib/server/platform/config.ts';
import { connect, prepareDatabase, startServices } from '../../src/lib/server/platform/services.ts';

// Operator commands that need the database but not the web server. With the embedded
// PostgreSQL they start it for the moment (Erfa must not be running on the same data).

export async function run(config: Config, command: string, args: string[]): Promise<number> {
	const email = args[0]?.trim().toLowerCase();
	if (command !== 'migrate' && !email) {
		console.error(`Usage: npm run erfa -- ${command} <email>`);
		return 2;
	}
	const services = config.DATABASE_URL ? null : await startServices(config);
	const sql = connect(services?.env.DATABASE_URL ?? config.DATABASE_URL!, 1);
	try {
		if (command === 'migrate') {
			const applied = await prepareDatabase(sql);
			console.log(
				applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.'
			);
			return 0;
		}
		const role = command === 'admin:grant' ? 'admin' : 'member';
		const rows = await sql`update public.profiles p set role = ${role}
			from public.accounts a where a.user_id = p.id and a.email = ${email!} returning p.name`;
		if (!rows.length) {
			console.error(`No account has the address ${email}.`);
			return 1;
		}
		console.log(
			`${rows[0]!.name} <${email}> is now ${role === 'admin' ? 'an administrator' : 'a member'}.`
		);
		return 0;
	} finally {
		await sql.end({ timeout: 2 });
		await services?.stop();
	}
}
