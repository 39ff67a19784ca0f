// Prints one closing line for CI, "N passed, N failed", from the JSON reports that vitest and
// Playwright write under CI=true (neither runner's own summary is read by the CI).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync('test-results/vitest.json')) {
	const r = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
	passed += r.numPassedTests ?? 0;
	failed += r.numFailedTests ?? 0;
	skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
if (existsSync('test-results/e2e.json')) {
	const r = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
	passed += (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0);
	failed += r.stats?.unexpected ?? 0;
	skipped += r.stats?.skipped ?? 0;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
