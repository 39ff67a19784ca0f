// The script a page makes the browser load (issue 17: a reader of a public document gets its text
// drawn on the server and no editor; ≤ 100 KB of JavaScript, gzip). Erfa with the demo data,
// Chromium opening the demo document signed out, signed in as a reader (outside the group) and
// as an editor, counting every script the page loads until the network is quiet, each gzipped
// here at level 9 (what the build's precompressed files are) so the figure does not depend on
// how the server happens to answer.
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { appDir } from '../shared/app-dir.ts';
import type { BenchResult, Benchmark } from '../shared/benchmark.ts';
import { benchDataDir, login, removeDataDir, startErfa, stopErfa } from '../shared/erfa.ts';

const documentPath = '/docs/0d0c0000-0000-4000-8000-000000000001';
const editorChunk = /prosemirror|y-prosemirror|yjs|tiptap/i;
const goalKb = 100;

interface Visit {
	label: string;
	email: string | null;
	/** Whether the editor is expected (people who may edit get it at once). */
	editor: boolean;
}

const visits: Visit[] = [
	{ label: 'signed out', email: null, editor: false },
	{ label: 'signed-in reader', email: 'olle.ek@filipstad.test', editor: false },
	{ label: 'editor', email: 'anna.lind@avesta.test', editor: true }
];

interface Measured {
	label: string;
	scripts: number;
	gzipBytes: number;
	rawBytes: number;
	editorLoaded: boolean;
}

async function visit(browser: Browser, origin: string, v: Visit): Promise<Measured> {
	const context = await browser.newContext({ locale: 'sv-SE' });
	if (v.email) {
		const [name, value] = (await login(origin, v.email, 'erfa-demo-2026')).split('=');
		await context.addCookies([{ name: name!, value: value!, url: origin }]);
	}
	const page = await context.newPage();
	const bodies: Promise<Buffer>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script') bodies.push(response.body());
	});
	await page.goto(origin + documentPath, { waitUntil: 'networkidle' });
	if (v.editor) await page.getByRole('textbox').first().waitFor();
	const loaded = await Promise.all(bodies);
	await context.close();
	return {
		label: v.label,
		scripts: loaded.length,
		rawBytes: loaded.reduce((sum, b) => sum + b.length, 0),
		gzipBytes: loaded.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
		editorLoaded: loaded.some((b) => editorChunk.test(b.toString('utf8')))
	};
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function measure(dir: string, dataDir: string): Promise<Measured[]> {
	const erfa = await startErfa({ command: 'demo', appDir: dir, dataDir });
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
	});
	try {
		const results: Measured[] = [];
		for (const v of visits) {
			const m = await visit(browser, erfa.origin, v);
			console.log(
				`  ${m.label}: ${m.scripts} scripts, ${kb(m.gzipBytes)} gzip (${kb(m.rawBytes)} raw), ` +
					`editor ${m.editorLoaded ? 'loaded' : 'not loaded'}`
			);
			results.push(m);
		}
		return results;
	} finally {
		await browser.close();
		await stopErfa(erfa);
	}
}

export const ssrJs: Benchmark = {
	name: 'ssr-js',
	async run(): Promise<BenchResult> {
		const app = await appDir();
		const dataDir = benchDataDir('ssr-js');
		try {
			const results = await measure(app.dir, dataDir);
			return {
				name: 'ssr-js',
				summary: results.map((m) => ({
					figure: `${documentPath.slice(0, 10)}…, ${m.label}: JS`,
					value: `${kb(m.gzipBytes)} gzip, editor ${m.editorLoaded ? 'loaded' : 'not loaded'}`,
					target:
						m.label === 'signed out'
							? `≤ ${goalKb} KB, no editor: ${m.gzipBytes <= goalKb * 1024 && !m.editorLoaded ? 'met' : 'not met'}`
							: m.label === 'editor'
								? 'editor at once'
								: 'editor on demand'
				})),
				details: { document: documentPath, pages: results }
			};
		} finally {
			await Promise.all([removeDataDir(dataDir), app.remove()]);
		}
	}
};
