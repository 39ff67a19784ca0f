import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'.data/',
			'src/lib/paraglide/',
			'test-results/',
			'playwright-report/',
			'bench/results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// The service worker runs with the webworker library, so SvelteKit keeps it out of the
				// app's tsconfig; it is linted on its own.
				projectService: { allowDefaultProject: ['src/service-worker.ts'] },
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': [
				'error',
				{ checksVoidReturn: { attributes: false } }
			],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'no-undef': 'off',
			// Erfa is served from the root with no base path, so plain hrefs are already right.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		files: ['**/*.js'],
		...ts.configs.disableTypeChecked
	},
	// The house rules (docs/architecture.md): small files and functions, no import cycles, and
	// a domain entered only through its index.ts (types through browser-safe src/lib/<domain>/).
	{
		files: ['**/*.ts', '**/*.svelte'],
		ignores: ['**/*.test.ts', 'tests/**', 'src/lib/server/testing/**'],
		rules: {
			'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
			'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }]
		}
	},
	{
		files: ['src/**/*.ts'],
		plugins: { 'import-x': importX },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })]
		},
		rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] }
	},
	{
		files: ['src/routes/**', 'src/lib/components/**', 'src/hooks.server.ts'],
		// Tests may build their world from the test helpers' own files.
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^\\$lib/server/[^/]+/.+',
							message:
								'Enter a domain through its index: import from $lib/server/<domain> (browser-safe types from $lib/<domain>/types).'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', 'src/lib/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^\\$lib/server(/|$)',
							message: 'Components never name $lib/server; take types from $lib/<domain>/types.'
						}
					]
				}
			]
		}
	}
);
