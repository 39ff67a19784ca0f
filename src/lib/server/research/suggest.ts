// Goal suggestions from keyword rules (sdg-keywords.json) for records that OpenAlex did not score.
// A word in the title or keywords counts three times as much as one in the abstract; the sum
// becomes a confidence in 0..1 that rises quickly and never reaches 1, because words alone are
// weak evidence. People confirm or reject every suggestion.

import rules from './sdg-keywords.json' with { type: 'json' };
import type { GoalSuggestion } from './entry.ts';

export const minConfidence = 0.3;
export const maxSuggestions = 5;

const weights = { title: 3, keywords: 3, abstract: 1 } as const;
// With this scale one title word gives 0.53, two abstract words 0.39, one abstract word 0.22.
const scale = 4;

// Rules are matched against the text's words rather than compiled to regular expressions:
// 400 Unicode-aware patterns took about a second to compile on first use.
interface Part {
	text: string;
	anyBefore: boolean;
	anyAfter: boolean;
}
type Rule = Part[][]; // alternatives (a hyphen may join or separate), each a word sequence

interface CompiledGoal {
	goal: number;
	rules: Rule[];
}

/** A rule (`arbetsmarknad*`, `*bostäder`, `decent work`, `well-being`) as word sequences. */
export function compileRule(rule: string): Rule {
	const lower = rule.toLowerCase();
	const hyphenated = lower.includes('-')
		? [lower.replace(/-/g, ' '), lower.replace(/-/g, '')]
		: [lower];
	return hyphenated.map((variant) => {
		const words = variant.split(/\s+/).filter(Boolean);
		return words.map((word, i) => ({
			text: word.replace(/^\*|\*$/g, ''),
			anyBefore: i === 0 && word.startsWith('*'),
			anyAfter: i === words.length - 1 && word.endsWith('*')
		}));
	});
}

function partMatches(part: Part, word: string): boolean {
	if (part.anyBefore && part.anyAfter) return word.includes(part.text);
	if (part.anyBefore) return word.endsWith(part.text);
	if (part.anyAfter) return word.startsWith(part.text);
	return word === part.text;
}

/** The words of a text, lower-cased; hyphens and punctuation separate them. */
export function wordsOf(text: string): string[] {
	return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** What a rule matches in a list of words, e.g. ["arbetsmarknaden", "decent work"]. */
export function ruleMatches(rule: Rule, words: string[]): string[] {
	const found = new Set<string>();
	for (const parts of rule) {
		const [first, ...rest] = parts;
		if (!first) continue;
		for (let i = 0; i < words.length; i++) {
			if (!partMatches(first, words[i] ?? '')) continue;
			if (rest.every((part, k) => partMatches(part, words[i + k + 1] ?? ''))) {
				found.add(words.slice(i, i + parts.length).join(' '));
			}
		}
	}
	return [...found];
}

const compiled: CompiledGoal[] = rules.goals.map((g) => ({
	goal: g.goal,
	rules: [...new Set([...g.sv, ...g.en])].map(compileRule)
}));

export interface SuggestInput {
	title: string;
	abstract: string;
	keywords: string[];
}

/** A field is a list of word runs (each keyword on its own, so phrases do not span two). */
type Field = [string[][], number];

function scoreGoal(goal: CompiledGoal, fields: Field[]) {
	// A word counts once per goal even when two rules match it ("energi*" and "*energi").
	const words: string[] = [];
	let raw = 0;
	for (const rule of goal.rules) {
		const fresh: string[] = [];
		for (const [runs, weight] of fields) {
			const found = runs
				.flatMap((run) => ruleMatches(rule, run))
				.filter((w) => !words.includes(w) || fresh.includes(w));
			if (found.length === 0) continue;
			raw += weight;
			fresh.push(...found.filter((w) => !fresh.includes(w)));
		}
		words.push(...fresh);
	}
	return { raw, words };
}

/** Up to five goals with confidence ≥ 0.3, best first, each with the words that matched. */
export function suggestGoals(input: SuggestInput): GoalSuggestion[] {
	const fields: Field[] = [
		[[wordsOf(input.title)], weights.title],
		[input.keywords.map(wordsOf), weights.keywords],
		[[wordsOf(input.abstract)], weights.abstract]
	];
	return compiled
		.map((goal) => ({ goal: goal.goal, ...scoreGoal(goal, fields) }))
		.map(({ goal, raw, words }) => ({
			goal,
			confidence: Math.round((1 - Math.exp(-raw / scale)) * 100) / 100,
			source: 'keywords' as const,
			reason: words.slice(0, 6).join(', ')
		}))
		.filter((s) => s.confidence >= minConfidence)
		.sort((a, b) => b.confidence - a.confidence || a.goal - b.goal)
		.slice(0, maxSuggestions);
}
