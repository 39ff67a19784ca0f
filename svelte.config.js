import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		typescript: {
			// The launcher, benchmarks and end-to-end tests are type-checked with the app.
			config: (tsconfig) => {
				tsconfig.include.push(
					'../server/**/*.ts',
					'../scripts/**/*.ts',
					'../bench/**/*.ts',
					'../tests/**/*.ts',
					'../playwright.config.ts'
				);
			}
		},
		csrf: { trustedOrigins: [] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				// The collaboration socket's ws(s)://<host> is added per request (platform/csp.ts).
				'connect-src': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
