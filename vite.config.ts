import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideIntlCache } from './scripts/paraglide-intl-cache.ts';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// Swedish unless the person chose English (the choice is remembered in a cookie).
			strategy: ['cookie', 'baseLocale'],
			cookieName: 'erfa_locale'
		}),
		// Paraglide's plural rules and formatters built once, not for every message.
		paraglideIntlCache(),
		sveltekit()
	],
	test: {
		include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
		globalSetup: ['src/lib/server/testing/global-setup.ts'],
		setupFiles: ['src/lib/server/testing/setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: true,
		maxWorkers: 2,
		reporters: process.env.CI ? ['default', 'json'] : ['default'],
		outputFile: { json: 'test-results/vitest.json' }
	}
});
