// The knowledge map at volume: /map (target p95 ≤ 100 ms at 50 connections), then where its
// database time goes: knowledge_map() through PostgREST and the statements inside it.
import { measurePages, rows, type PageResult } from '../shared/pages.ts';
import {
	databaseTime,
	goalRow,
	nestedPlans,
	printPlans,
	slowestInside,
	timeRequests,
	type CallPlans
} from './explain.ts';
import { onVolume, type Context, type Section } from './on-volume.ts';

const mapTarget = { p95Ms: 100 };
// Issue 17: knowledge_map() ≤ 20 ms in the database.
const databaseGoalMs = 20;

async function map(c: Context): Promise<Section> {
	const pages = [{ label: 'GET /map', path: '/map', expect: [c.facts.busiestPlace] }];
	const results: PageResult[] = await measurePages(c.erfa.origin, pages, c.cookie, c.settle);
	console.log('  database time of /map (as Anna):');
	const requests = await timeRequests(c.db, [
		{ name: 'knowledge_map()', pages: '/map', rpc: true, request: (db) => db.rpc('knowledge_map') }
	]);
	const plans: CallPlans = await nestedPlans(
		c.databaseUrl,
		c.facts.annaId,
		'select * from public.knowledge_map()'
	);
	printPlans(plans);
	const inDatabase = await databaseTime(
		c.databaseUrl,
		c.facts.annaId,
		'select * from public.knowledge_map()'
	);
	return {
		summary: [
			...results.flatMap((r) => rows(r, mapTarget, true)),
			{
				figure: 'knowledge_map() through PostgREST (uncached; /map keeps it 30 s)',
				value: `median ${requests[0]!.medianMs.toFixed(1)} ms`
			},
			goalRow('knowledge_map()', inDatabase, databaseGoalMs),
			{ figure: 'knowledge_map() explained', value: slowestInside(plans) }
		],
		details: { pages: results, requests, plans, inDatabase }
	};
}

export const knowledgeMap = onVolume('knowledge-map', map);
