import { beforeAll, describe, expect, it } from 'vitest';
import { forUser, type Db } from '$lib/server/platform';
import * as programme from './programme.ts';
import * as slides from './slides.ts';
import {
	buildEvent,
	buildUser,
	pdfBytes,
	useTestDatabase,
	type BuiltUser
} from '../testing/world.ts';

// Slides are streamed from the multipart body to disk, checked by content and limited to 50 MB.

const db = useTestDatabase({ rest: true });
let organizer: BuiltUser;
let as: { organizer: Db; member: Db };
let sessionId: string;

function upload(bytes: Uint8Array, name: string): Request {
	const form = new FormData();
	form.append('slides', new File([bytes as BlobPart], name));
	return new Request('http://erfa.test/upload', { method: 'POST', body: form });
}

beforeAll(async () => {
	organizer = await buildUser(db.sql);
	const member = await buildUser(db.sql);
	as = {
		organizer: await forUser(db.rest, organizer.id),
		member: await forUser(db.rest, member.id)
	};
	const start = new Date('2030-05-15T07:00:00Z');
	const { id } = await buildEvent(db.sql, {
		createdBy: organizer.id,
		startsAt: start,
		endsAt: new Date(start.getTime() + 8 * 3_600_000)
	});
	const saved = await programme.save(as.organizer, id, null, {
		kind: 'session',
		title: 'Föredrag',
		description: '',
		startsAt: new Date(start.getTime() + 3_600_000),
		endsAt: new Date(start.getTime() + 7_200_000),
		room: '',
		track: '',
		speakers: []
	});
	sessionId = saved.ok ? saved.id : '';
});

describe('session slides', () => {
	it('stores a PDF and gives it back to readers of the event', async () => {
		const bytes = pdfBytes();
		const stored = await slides.upload(
			as.organizer,
			sessionId,
			upload(bytes, 'bilder.pdf'),
			organizer.id
		);
		expect(stored.ok).toBe(true);
		const opened = await slides.open(as.member, stored.ok ? stored.id : '');
		expect(opened!.file).toMatchObject({ filename: 'bilder.pdf', mediaType: 'application/pdf' });
		const chunks: Buffer[] = [];
		for await (const c of opened!.stream) chunks.push(c as Buffer);
		expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
	});

	it('refuses other files, empty ones, files over 50 MB and non-organizers', async () => {
		const text = new TextEncoder().encode('inte bilder');
		expect(
			await slides.upload(as.organizer, sessionId, upload(text, 'x.pdf'), organizer.id)
		).toEqual({
			ok: false,
			reason: 'wrong_type'
		});
		expect(
			await slides.upload(as.organizer, sessionId, upload(new Uint8Array(), 'x.pdf'), organizer.id)
		).toEqual({ ok: false, reason: 'empty' });
		const big = new Uint8Array(slides.MAX_BYTES + 1);
		big.set(new TextEncoder().encode('%PDF-1.7'));
		expect(
			await slides.upload(as.organizer, sessionId, upload(big, 'stor.pdf'), organizer.id)
		).toEqual({
			ok: false,
			reason: 'too_large'
		});
		expect(
			await slides.upload(as.member, sessionId, upload(pdfBytes(), 'y.pdf'), organizer.id)
		).toEqual({
			ok: false,
			reason: 'not_allowed'
		});
		const [row] = await db.sql`select count(*)::int as n from public.event_session_files`;
		expect(row!.n).toBe(1);
	});
});
