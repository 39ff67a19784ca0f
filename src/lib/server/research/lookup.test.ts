import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCrossrefWork } from './crossref.ts';
import { lookupDoi } from './lookup.ts';
import { abstractFromIndex, parseOpenAlexWork } from './openalex.ts';

const fixture = (name: string): unknown =>
	JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'));
const openAlexWork = fixture('openalex-work.json') as Record<string, unknown>;
const crossrefWork = fixture('crossref-work.json');

describe('parseOpenAlexWork on a saved response', () => {
	const parsed = parseOpenAlexWork(openAlexWork);

	it('reads metadata, authors with ORCID, institution, keywords and the abstract', () => {
		expect(parsed?.entry).toMatchObject({
			title: 'Are we ready for autonomous driving? The KITTI vision benchmark suite',
			authors: [
				{ name: 'Andreas Geiger', orcid: '0000-0002-8151-3726' },
				{ name: 'P Lenz', orcid: null },
				{ name: 'R. Urtasun', orcid: null }
			],
			year: 2012,
			type: 'article',
			keywords: ['Visual Odometry', 'Benchmark', 'Odometry', 'Optical Flow'],
			language: 'en',
			doi: '10.1109/cvpr.2012.6248074',
			url: 'https://doi.org/10.1109/cvpr.2012.6248074',
			openAccessUrl: null,
			institution: 'Karlsruhe Institute of Technology'
		});
		expect(parsed?.entry.abstract).toMatch(/^Today, visual recognition systems are still rarely/);
		expect(parsed?.entry.abstract).toMatch(
			/available online at: www\.cvlibs\.net\/datasets\/kitti\.$/
		);
	});

	it('turns SDG scores above 0.4 into suggestions with the goal number from the id', () => {
		expect(parsed?.suggestions).toEqual([
			{
				goal: 11,
				confidence: 0.65,
				source: 'openalex',
				reason: 'Sustainable cities and communities'
			}
		]);
		const more = parseOpenAlexWork({
			...openAlexWork,
			sustainable_development_goals: [
				{
					id: 'https://metadata.un.org/sdg/8',
					display_name: 'Decent work and economic growth',
					score: 0.41
				},
				{ id: 'https://metadata.un.org/sdg/4', display_name: 'Quality education', score: 0.4 },
				{ id: 'https://metadata.un.org/sdg/11', display_name: 'Sustainable cities', score: 0.87 },
				{ id: 'https://metadata.un.org/sdg/99', display_name: 'Nonsense', score: 0.9 }
			]
		});
		expect(more?.suggestions.map((s) => [s.goal, s.confidence])).toEqual([
			[11, 0.87],
			[8, 0.41]
		]);
	});

	it('prefers a Swedish institution and the open-access link when there are', () => {
		const authorships = openAlexWork.authorships as { institutions: object[] }[];
		const swedish = { display_name: 'Örebro University', country_code: 'SE' };
		const work = {
			...openAlexWork,
			authorships: [authorships[0], { ...authorships[2], institutions: [swedish] }],
			open_access: {
				is_oa: true,
				oa_url: 'https://oru.diva-portal.org/smash/get/diva2:1/FULLTEXT01.pdf'
			},
			type: 'dissertation'
		};
		expect(parseOpenAlexWork(work)?.entry).toMatchObject({
			institution: 'Örebro University',
			openAccessUrl: 'https://oru.diva-portal.org/smash/get/diva2:1/FULLTEXT01.pdf',
			type: 'thesis'
		});
	});

	it('refuses what is not a work', () => {
		expect(parseOpenAlexWork({ error: 'Not found' })).toBeNull();
		expect(parseOpenAlexWork(null)).toBeNull();
		expect(parseOpenAlexWork({ ...openAlexWork, authorships: 'none' })).toBeNull();
	});

	it('orders inverted-index words by position', () => {
		expect(abstractFromIndex({ kommuner: [1, 3], Små: [0], och: [2] })).toBe(
			'Små kommuner och kommuner'
		);
	});
});

describe('parseCrossrefWork on a saved response', () => {
	it('reads metadata and ORCID iDs; an address is not an institution', () => {
		expect(parseCrossrefWork(crossrefWork)).toEqual({
			title: 'A General Copper-Catalyzed Synthesis of Ynamides from 1,2-Dichloroenamides',
			authors: [
				{ name: 'Steven J. Mansfield', orcid: null },
				{ name: 'Russell C. Smith', orcid: null },
				{ name: 'Jonathan R. J. Yong', orcid: null },
				{ name: 'Olivia L. Garry', orcid: null },
				{ name: 'Edward A. Anderson', orcid: '0000-0002-4149-0494' }
			],
			year: 2019,
			type: 'article',
			abstract: '',
			keywords: [],
			language: 'en',
			doi: '10.1021/acs.orglett.9b00971',
			url: 'https://doi.org/10.1021/acs.orglett.9b00971',
			openAccessUrl: null,
			institution: null
		});
	});

	it('reads JATS abstracts, subtitles and university affiliations', () => {
		const work = crossrefWork as { message: Record<string, unknown> };
		const message = {
			...work.message,
			type: 'report',
			subtitle: ['en fallstudie'],
			abstract: '<jats:title>Abstract</jats:title><jats:p>Första.</jats:p><jats:p>Andra.</jats:p>',
			author: [
				{
					given: 'Sara',
					family: 'Holm',
					affiliation: [{ name: 'Handelshögskolan, Örebro universitet, Örebro' }]
				}
			]
		};
		expect(parseCrossrefWork({ ...work, message })).toMatchObject({
			type: 'report',
			title:
				'A General Copper-Catalyzed Synthesis of Ynamides from 1,2-Dichloroenamides: en fallstudie',
			abstract: 'Första.\n\nAndra.',
			institution: 'Örebro universitet'
		});
		expect(parseCrossrefWork({ status: 'failed', message: {} })).toBeNull();
	});
});

type Route = (url: URL) => Response | Promise<Response> | 'offline' | 'hang';

/** A fetch that answers from `route` and records the requests. */
function fakeFetch(route: Route) {
	const requests: { url: URL; headers: Headers }[] = [];
	const fetch = async (input: string | URL | Request, init?: RequestInit) => {
		const url = new URL(input instanceof Request ? input.url : input);
		requests.push({ url, headers: new Headers(init?.headers) });
		const answer = await route(url);
		if (answer === 'offline') throw new TypeError('fetch failed');
		if (answer === 'hang') {
			return new Promise<Response>((_, reject) => {
				init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
			});
		}
		return answer;
	};
	return { fetch: fetch as typeof globalThis.fetch, requests };
}

const json = (body: unknown, status = 200) => Response.json(body, { status });
const notFound = () => new Response('Not found', { status: 404 });

describe('lookupDoi', () => {
	it('uses OpenAlex when it knows the work, with the polite-pool address', async () => {
		const { fetch, requests } = fakeFetch(() => json(openAlexWork));
		const result = await lookupDoi('https://doi.org/10.1109/CVPR.2012.6248074', {
			fetch,
			mailto: 'erfa@example.se'
		});
		expect(result).toMatchObject({ ok: true, source: 'openalex', suggestions: [{ goal: 11 }] });
		expect(requests).toHaveLength(1);
		expect(requests[0]?.url.href).toBe(
			'https://api.openalex.org/works/https://doi.org/10.1109/cvpr.2012.6248074?mailto=erfa%40example.se'
		);
		expect(requests[0]?.headers.get('user-agent')).toContain('mailto:erfa@example.se');
	});

	it('falls back on Crossref when OpenAlex does not have the work', async () => {
		const { fetch, requests } = fakeFetch((url) =>
			url.hostname === 'api.openalex.org' ? notFound() : json(crossrefWork)
		);
		const result = await lookupDoi('10.1021/acs.orglett.9b00971', { fetch });
		expect(result).toMatchObject({
			ok: true,
			source: 'crossref',
			suggestions: [],
			entry: { year: 2019 }
		});
		expect(requests.map((r) => r.url.pathname)).toEqual([
			'/works/https://doi.org/10.1021/acs.orglett.9b00971',
			'/works/10.1021/acs.orglett.9b00971'
		]);
	});

	it('encodes DOI characters that mean something in a URL', async () => {
		const { fetch, requests } = fakeFetch(() => notFound());
		await lookupDoi('10.5555/a#b?c', { fetch });
		expect(requests[1]?.url.pathname).toBe('/works/10.5555/a%23b%3Fc');
	});

	it('says not_found, offline, bad_response or timeout', async () => {
		expect(await lookupDoi('10.5555/x', { fetch: fakeFetch(() => notFound()).fetch })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await lookupDoi('10.5555/x', { fetch: fakeFetch(() => 'offline').fetch })).toEqual({
			ok: false,
			reason: 'offline'
		});
		const broken = fakeFetch((url) =>
			url.hostname === 'api.openalex.org'
				? json({ what: 1 })
				: new Response('oops', { status: 503 })
		);
		expect(await lookupDoi('10.5555/x', { fetch: broken.fetch })).toEqual({
			ok: false,
			reason: 'bad_response'
		});
		const slow = fakeFetch(() => 'hang');
		const started = Date.now();
		expect(await lookupDoi('10.5555/x', { fetch: slow.fetch, timeoutMs: 50 })).toEqual({
			ok: false,
			reason: 'timeout'
		});
		expect(Date.now() - started).toBeLessThan(2000);
		expect(slow.requests).toHaveLength(1);
	});

	it('refuses an invalid DOI without asking anyone', async () => {
		const { fetch, requests } = fakeFetch(() => json(openAlexWork));
		expect(await lookupDoi('inte en doi', { fetch })).toEqual({ ok: false, reason: 'invalid_doi' });
		expect(requests).toHaveLength(0);
	});
});
