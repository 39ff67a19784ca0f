import { readFileSync } from 'node:fs';
import { benchDataDir, login, removeDataDir, startErfa, stopErfa } from '../shared/erfa.ts';
import { loadTest } from '../shared/load.ts';
import { descendants } from '../shared/processes.ts';
const paths = process.argv.slice(2);
const dataDir = benchDataDir('probe');
const erfa = await startErfa({ command: 'demo', appDir: process.cwd(), dataDir });
const pid = erfa.child.pid!;
function snap() {
	const out = new Map<string, number>();
	for (const p of [{ pid, command: 'root' }, ...descendants(pid)]) {
		try {
			const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const kind = /postgrest/.test(p.command) ? 'postgrest' : /postgres/.test(p.command) ? 'postgres' : 'node';
			out.set(kind, (out.get(kind) ?? 0) + (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10);
		} catch {}
	}
	return out;
}
try {
	const cookie = await login(erfa.origin, 'anna.lind@avesta.test', 'erfa-demo-2026');
	for (const path of ['/privacy', ...paths]) {
		await loadTest(erfa.origin + path, { connections: 4, seconds: 0, cookie, amount: 50 });
		const a = snap();
		const r = await loadTest(erfa.origin + path, { connections: 4, seconds: 0, cookie, amount: 200 });
		const b = snap();
		const parts = [...b].map(([k, v]) => `${k} ${((v - (a.get(k) ?? 0)) / r.requests).toFixed(1)}`);
		console.log(path, parts.join(', '), 'non2xx', r.non2xx);
	}
	if (process.env.HOLD) await new Promise((r) => setTimeout(r, Number(process.env.HOLD)));
} finally {
	await stopErfa(erfa);
	await removeDataDir(dataDir);
}
