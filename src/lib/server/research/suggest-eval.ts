// How well the keyword rules do on a labelled set (sdg-labelled.json): precision (how many of
// the suggested goals a careful reader would confirm) and recall (how many of those goals were
// suggested). Shared by suggest.test.ts, which holds the thresholds, and the knowledge-suggest
// benchmark, which prints the figures. Plain module: runs under Node without Vite.

import labelled from './sdg-labelled.json' with { type: 'json' };
import { suggestGoals } from './suggest.ts';

export interface LabelledItem {
	lang: string;
	title: string;
	abstract: string;
	keywords: string[];
	goals: number[];
}

export interface ItemResult {
	item: LabelledItem;
	suggested: number[];
	wrong: number[];
	missed: number[];
}

export interface Evaluation {
	items: ItemResult[];
	precision: number;
	recall: number;
}

export const labelledItems: LabelledItem[] = labelled.items;

export function evaluate(items: LabelledItem[] = labelledItems): Evaluation {
	const results = items.map((item) => {
		const suggested = suggestGoals(item).map((s) => s.goal);
		return {
			item,
			suggested,
			wrong: suggested.filter((g) => !item.goals.includes(g)),
			missed: item.goals.filter((g) => !suggested.includes(g))
		};
	});
	const sum = (f: (r: ItemResult) => number) => results.reduce((n, r) => n + f(r), 0);
	const right = sum((r) => r.suggested.length - r.wrong.length);
	const suggested = sum((r) => r.suggested.length);
	const expected = sum((r) => r.item.goals.length);
	return {
		items: results,
		precision: suggested ? right / suggested : 1,
		recall: expected ? right / expected : 1
	};
}
