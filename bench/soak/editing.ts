// The soak's collaboration share: people with sessions and documents made straight in the app's
// database (the collab benchmarks' fixtures), and the collab load generator's lean clients on the
// app's own /collab socket, each making a small edit every few seconds.
import { connect } from '../../src/lib/server/platform/services.ts';
import { LoadGenerator } from '../collab/load.ts';
import { createDocuments, createEditors, editorsFor, seats } from '../collab/servers.ts';
import { databaseUrl } from '../shared/database.ts';
import type { RunningErfa } from '../shared/erfa.ts';

export interface EditingShape {
	documents: number;
	perDocument: number;
	editEveryMs: number;
}

export interface EditingFigures {
	clients: number;
	/** Clients that never synced (refused, or no answer within the generator's timeout). */
	refused: number;
	edits: number;
	/** Arrivals at the other clients of the document over arrivals expected. */
	delivered: number;
	/** Connections the server closed while they were meant to stay open. */
	serverCloses: number;
	latencyP95Ms: number;
}

export interface Editing {
	type(seconds: number): Promise<EditingFigures>;
	/** Every client disconnects (the documents are then unloaded by the app). */
	stop(): Promise<void>;
	/** The same clients connect again after stop(); returns how many never synced. */
	rejoin(): Promise<number>;
	close(): Promise<void>;
}

export async function startEditing(erfa: RunningErfa, shape: EditingShape): Promise<Editing> {
	const { origin } = erfa;
	const sql = connect(await databaseUrl(erfa.dataDir, erfa.ports.postgres), 2);
	const generator = new LoadGenerator(2);
	try {
		const editors = await createEditors(sql, editorsFor(shape.documents, shape.perDocument));
		const documents = await createDocuments(sql, shape.documents, editors);
		const seated = seats(documents, shape.perDocument, editors).map((s) => ({ ...s, origin }));
		const url = `${origin.replace(/^http/, 'ws')}/collab`;
		const connect = () => generator.connect(url, seated, 'lean', 'soak', 25);
		let { failed } = await connect();
		return {
			async type(seconds) {
				const typed = await generator.type('soak', seconds, shape.editEveryMs);
				return {
					clients: seated.length,
					refused: failed,
					edits: typed.edits,
					delivered: typed.delivered,
					serverCloses: typed.serverCloses,
					latencyP95Ms: typed.latencyMs.p95
				};
			},
			stop: () => generator.disconnect(),
			async rejoin() {
				({ failed } = await connect());
				return failed;
			},
			async close() {
				await generator.close();
				await sql.end({ timeout: 2 });
			}
		};
	} catch (error) {
		await generator.close();
		await sql.end({ timeout: 2 });
		throw error;
	}
}
