// What every benchmark hands to run.ts, and the repository root they all resolve paths from.
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../..');

/** A benchmark as run.ts sees it: a name to filter on and a run returning its figures. */
export interface Benchmark {
	name: string;
	run: () => Promise<BenchResult>;
}

/** One line of the final summary table; `target` is shown next to the figure, never judged. */
export interface SummaryRow {
	figure: string;
	value: string;
	target?: string;
}

export interface BenchResult {
	name: string;
	summary: SummaryRow[];
	details: unknown;
}
