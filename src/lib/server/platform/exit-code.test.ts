import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A process that loads the bundled PostgreSQL's module (the test run's global setup, the
// server, the benchmarks) still ends with the exit code it set: the library's exit hook ends
// it with code 0, and a test run with failures must not look like a pass to CI.

const embedded = join(import.meta.dirname, 'embedded-postgres.ts');

function exitCodeOf(script: string) {
	return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
		encoding: 'utf8',
		timeout: 30_000
	});
}

describe('a process that has loaded embedded-postgres.ts', () => {
	it('ends with the exit code it set when its work runs out', () => {
		const run = exitCodeOf(`await import(${JSON.stringify(embedded)}); process.exitCode = 3;`);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(3);
	});

	it('ends with 0 when it set none', () => {
		const run = exitCodeOf(`await import(${JSON.stringify(embedded)});`);
		expect(run.status).toBe(0);
	});
});
