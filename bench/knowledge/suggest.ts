// The keyword rules' goal suggestions on the labelled set of Swedish and English abstracts
// (src/lib/server/research/sdg-labelled.json): precision and recall, overall and per language,
// and the abstracts where a suggestion was wrong or a goal was missed. No database, no server.
import type { Benchmark } from '../shared/benchmark.ts';
import {
	evaluate,
	labelledItems,
	type Evaluation
} from '../../src/lib/server/research/suggest-eval.ts';

const pct = (n: number) => `${Math.round(n * 100)} %`;

function print(label: string, e: Evaluation): void {
	console.log(
		`  ${label}: precision ${pct(e.precision)}, recall ${pct(e.recall)} (${e.items.length} abstracts)`
	);
}

export const knowledgeSuggest: Benchmark = {
	name: 'knowledge-suggest',
	async run() {
		const all = evaluate();
		const sv = evaluate(labelledItems.filter((i) => i.lang === 'sv'));
		const en = evaluate(labelledItems.filter((i) => i.lang === 'en'));
		print('all', all);
		print('Swedish', sv);
		print('English', en);
		for (const r of all.items.filter((r) => r.wrong.length || r.missed.length)) {
			console.log(
				`  ${r.item.title}: wrong ${r.wrong.join(', ') || '–'}, missed ${r.missed.join(', ') || '–'}`
			);
		}
		return {
			name: 'knowledge-suggest',
			summary: [
				{ figure: 'goal suggestion precision', value: pct(all.precision), target: '≥ 90 %' },
				{ figure: 'goal suggestion recall', value: pct(all.recall), target: '≥ 85 %' },
				{ figure: 'precision (Swedish)', value: pct(sv.precision) },
				{ figure: 'precision (English)', value: pct(en.precision) }
			],
			details: {
				precision: all.precision,
				recall: all.recall,
				items: all.items.map((r) => ({
					title: r.item.title,
					expected: r.item.goals,
					suggested: r.suggested
				}))
			}
		};
	}
};
