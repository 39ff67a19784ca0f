// The second half of `npm run build`: server/cli.ts and what it imports (serve.ts, the
// collaboration server, the services) compiled to plain JavaScript in build/erfa/, which
// `npm start` runs (server/start.js). A process that loads a single .ts file carries Node's
// TypeScript stripper (a WebAssembly compiler, ~18 MB RSS) for good (issue 17). Packages stay
// imports from node_modules, shared with the SvelteKit build's, as when run from the sources.
import { join } from 'node:path';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');

await build({
	configFile: false,
	root,
	logLevel: 'warn',
	build: {
		ssr: join(root, 'server/cli.ts'),
		outDir: join(root, 'build/erfa'),
		emptyOutDir: true,
		target: 'node24',
		minify: false,
		sourcemap: false,
		rollupOptions: {
			output: { entryFileNames: 'cli.js', chunkFileNames: '[name]-[hash].js' },
			// A package whose bindings the server never uses is not imported for its side effects
			// (the server's own code imports none for them): e.g. `diff`, which versions.ts
			// re-exports for the history pages only, stays out of the process (issue 17).
			treeshake: { moduleSideEffects: 'no-external' }
		}
	}
});
