import { error } from '@sveltejs/kit';
import type { Research } from './research.ts';
import type { ResearchEntry } from './entry.ts';
import { uniqueKeywords } from './text.ts';
import { contentType, extension, formatList, formats, type Format } from './formats/formats.ts';

// Research records as BibTeX, RIS or CSL-JSON downloads.

export function parseFormat(value: string): Format {
	if (!(formats as readonly string[]).includes(value)) error(404, 'Unknown format');
	return value as Format;
}

export function toEntry(r: Research): ResearchEntry {
	return {
		title: r.title,
		authors: r.authorList,
		year: r.year,
		type: r.type,
		abstract: r.abstract,
		keywords: uniqueKeywords([...r.keywords, ...goalKeywords(r)]),
		language: r.language,
		doi: r.doi,
		url: r.url,
		openAccessUrl: r.openAccessUrl,
		institution: r.institution?.name ?? null
	};
}

/** Confirmed goals as keywords ("SDG 8"), so they travel to reference managers; suggestions
 * nobody has confirmed stay behind. */
function goalKeywords(r: Research): string[] {
	const goals = r.sdg.filter((s) => s.status === 'confirmed').map((s) => s.goal);
	return [...new Set(goals)].sort((a, b) => a - b).map((goal) => `SDG ${goal}`);
}

export function download(entries: ResearchEntry[], format: Format, name: string): Response {
	const safe =
		name
			.replace(/[^A-Za-z0-9._-]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 80) || 'erfa';
	return new Response(formatList(entries, format), {
		headers: {
			'content-type': `${contentType[format]}; charset=utf-8`,
			'content-disposition': `attachment; filename="${safe}.${extension[format]}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
}
