import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import * as events from '$lib/server/events';
import { organizing } from './organizer.server';

// The event's results documents: organizers create one in one of the event's groups (one they
// may write documents in), link an existing one, or remove a link (the document stays). Their
// refusals come back as `resultsError`, apart from the registration form's on the same page.

type Req = Pick<RequestEvent, 'locals' | 'params' | 'request' | 'url'>;

/** The event's groups (lead first) the person may write documents in: the groups they belong
 * to, or all of them for administrators. */
export async function resultGroups(
	req: Pick<RequestEvent, 'locals'>,
	event: events.Event
): Promise<events.GroupChoice[]> {
	const user = req.locals.user;
	if (!user) return [];
	const all = [
		...(event.groupId && event.group ? [{ id: event.groupId, ...event.group }] : []),
		...event.groups
	];
	if (user.role === 'admin') return all;
	const mine = await events.eventGroups.joinable(req.locals.supabase, user);
	return all.filter((g) => mine.some((x) => x.id === g.id));
}

const refused = (status: number, message: string) => fail(status, { resultsError: message });

const chosen = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' && z.uuid().safeParse(value).success ? value : null;
};

export async function createResults(req: Req) {
	const { user, db, event } = await organizing(req);
	const id = chosen(await req.request.formData(), 'group');
	const group = (await resultGroups(req, event)).find((g) => g.id === id);
	if (!group) return refused(403, m.meetings_results_group());
	const text = {
		title: m.meetings_results_doc_title({ title: event.title }),
		summary: m.meetings_results_doc_summary({ title: event.title })
	};
	const made = await events.results.create(db, user, event, group, text);
	if (!made.ok) return refused(403, m.meetings_results_not_allowed());
	return { resultsCreated: made.id };
}

export async function linkResults(req: Req) {
	const { user, db, event } = await organizing(req);
	const document = chosen(await req.request.formData(), 'document');
	if (!document) return refused(400, m.meetings_results_choose());
	const linked = await events.results.link(db, user.id, event.id, document);
	if (!linked.ok) {
		return linked.reason === 'duplicate'
			? refused(409, m.meetings_results_duplicate())
			: refused(403, m.meetings_results_not_allowed());
	}
	return { resultsLinked: true };
}

export async function unlinkResults(req: Req) {
	const { db, event } = await organizing(req);
	const id = (await req.request.formData()).get('link');
	await events.results.unlink(db, event.id, typeof id === 'string' ? id : '');
	return { resultsUnlinked: true };
}
