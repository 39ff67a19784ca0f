import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '$lib/server/auth';
import * as attachments from '../experiences/attachments.ts';
import {
	useTestDatabase,
	buildExperience,
	buildGroup,
	buildReply,
	buildThread,
	buildDocument,
	buildResearch,
	buildUser,
	pngBytes,
	type BuiltUser
} from '../testing/world.ts';
import * as mydata from './index.ts';

const db = useTestDatabase({ rest: true });
let dataDir: string;

beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'erfa-mydata-'));
	process.env.DATA_DIR = dataDir;
});
afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true });
});

/** A person with a bit of everything: a membership, a thread, a reply, an experience with an
 * uploaded image, a notification. Every text carries the person's marker. */
async function active(marker: string, groupId: string) {
	const user = await buildUser(db.sql, { name: `Person ${marker}` });
	await db.sql`insert into public.group_members (group_id, user_id) values (${groupId}, ${user.id})`;
	const thread = await buildThread(db.sql, groupId, user.id, {
		title: `Tråd ${marker}`,
		body: `Text ${marker}`
	});
	await buildReply(db.sql, thread.id, user.id, { body: `Svar ${marker}` });
	const experience = await buildExperience(db.sql, groupId, user.id, {
		title: `Erfarenhet ${marker}`
	});
	const bytes = pngBytes();
	const sha = createHash('sha256').update(bytes).digest('hex');
	await attachments.writeBlob(sha, bytes);
	await db.sql`insert into public.attachments (experience_id, filename, media_type, size_bytes, sha256, uploaded_by)
		values (${experience.id}, ${`bild-${marker}.png`}, 'image/png', ${bytes.byteLength}, ${sha}, ${user.id})`;
	await buildDocument(db.sql, groupId, { title: `Dokument ${marker}`, createdBy: user.id });
	await buildResearch(db.sql, { title: `Forskning ${marker}`, createdBy: user.id });
	await db.sql`insert into public.notifications (user_id, kind, group_id, title, link)
		values (${user.id}, 'thread_created', ${groupId}, ${`Avisering ${marker}`}, '/groups')`;
	return { ...user, thread, experience, marker };
}

async function exported(user: BuiltUser) {
	const requested = await mydata.exports.request(db.sql, user.id);
	expect(requested.kind).toBe('queued');
	await mydata.exports.idle();
	while (await mydata.exports.runOne(db.sql));
	const status = await mydata.exports.latest(db.sql, user.id);
	expect(status?.status).toBe('ready');
	const download = await mydata.exports.download(db.sql, user.id, status!.id);
	const chunks: Buffer[] = [];
	for await (const chunk of download!.stream) chunks.push(chunk as Buffer);
	return { id: status!.id, zip: await JSZip.loadAsync(Buffer.concat(chunks)) };
}

async function allText(zip: JSZip): Promise<string> {
	const texts = await Promise.all(
		Object.values(zip.files)
			.filter((f) => f.name.endsWith('.json'))
			.map((f) => f.async('string'))
	);
	return texts.join('\n');
}

describe('Ladda ner mina uppgifter', () => {
	it('contains exactly my data and nobody else’s', async () => {
		const group = await buildGroup(db.sql);
		const anna = await active('ANNA-7c1', group.id);
		const erik = await active('ERIK-9f2', group.id);
		// Erik answers Anna's thread: his reply is his, not hers.
		await buildReply(db.sql, anna.thread.id, erik.id, { body: 'Svar ERIK-9f2 till Anna' });
		const { zip } = await exported(anna);
		const text = await allText(zip);
		for (const what of [
			'Person ANNA-7c1',
			anna.email,
			'Tråd ANNA-7c1',
			'Text ANNA-7c1',
			'Svar ANNA-7c1',
			'Erfarenhet ANNA-7c1',
			'Dokument ANNA-7c1',
			'Forskning ANNA-7c1',
			'Avisering ANNA-7c1',
			group.name
		]) {
			expect(text).toContain(what);
		}
		expect(text).not.toContain('ERIK-9f2');
		expect(text).not.toContain(erik.email);
		expect(text).not.toContain(erik.id);
		const files = Object.keys(zip.files).filter((n) => n.includes('/files/') && !zip.files[n]!.dir);
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(/bild-ANNA-7c1\.png$/);
		expect(await zip.file(files[0]!)!.async('uint8array')).toEqual(pngBytes());
		const profile = JSON.parse(await zip.file('erfa-mina-uppgifter/profile.json')!.async('string'));
		expect(profile.account.email).toBe(anna.email);
		expect(JSON.stringify(profile)).not.toMatch(/secret|recovery|password/i);
	});

	it('is offered only to its owner, and only until it expires', async () => {
		const group = await buildGroup(db.sql);
		const anna = await active('ANNA-b', group.id);
		const erik = await buildUser(db.sql);
		const { id } = await exported(anna);
		expect(await mydata.exports.download(db.sql, erik.id, id)).toBeNull();
		expect((await mydata.exports.request(db.sql, anna.id)).kind).toBe('queued');
		await mydata.exports.idle();
		// One still waiting to be made (inserted as it waits, so the worker cannot finish it first,
		// as it could finish the one just asked for): asking again adds none.
		await db.sql`insert into erfa_private.data_exports (user_id) values (${anna.id})`;
		expect((await mydata.exports.request(db.sql, anna.id)).kind).toBe('busy');
		await db.sql`update erfa_private.data_exports set expires_at = now() - interval '1 minute' where id = ${id}`;
		expect(await mydata.exports.download(db.sql, anna.id, id)).toBeNull();
		expect(await mydata.exports.prune(db.sql)).toBeGreaterThanOrEqual(1);
		await expect(readFile(join(dataDir, 'exports', `${id}.zip`))).rejects.toThrow();
	});
});

describe('deleting an account', () => {
	it('removes personal data, ends sessions at once, keeps group content as a former member', async () => {
		const group = await buildGroup(db.sql);
		const anna = await active('ANNA-del', group.id);
		const erik = await buildUser(db.sql);
		await buildReply(db.sql, anna.thread.id, erik.id, { body: 'Erik svarar' });
		await db.sql`update public.experiences set contact_person = ${`${anna.name}, Avesta`}
			where id = ${anna.experience.id}`;
		const { token } = await sessions.create(db.sql, anna.id, 'vitest');
		expect(await mydata.erase(db.sql, anna.id, { removeContent: false })).toBe(true);
		expect(await sessions.validate(db.sql, token)).toBeNull();
		expect(await db.sql`select 1 from public.profiles where id = ${anna.id}`).toHaveLength(0);
		expect(await db.sql`select 1 from public.accounts where email = ${anna.email}`).toHaveLength(0);
		expect(
			await db.sql`select 1 from public.notifications where user_id = ${anna.id}`
		).toHaveLength(0);
		const [thread] =
			await db.sql`select author_id, title from public.threads where id = ${anna.thread.id}`;
		expect(thread).toEqual({ author_id: null, title: 'Tråd ANNA-del' });
		const mail = await db.sql`select subject from public.outbox where to_address = ${anna.email}`;
		expect(mail.map((r) => r.subject)).toEqual(['Ditt konto i Erfa är raderat']);
	});

	it('can delete what I wrote, except where it is part of someone else’s work', async () => {
		const group = await buildGroup(db.sql);
		const anna = await active('ANNA-rm', group.id);
		const erik = await buildUser(db.sql);
		const shared = await buildThread(db.sql, group.id, anna.id, {
			title: 'Tråd som Erik svarat i'
		});
		await buildReply(db.sql, shared.id, erik.id, { body: 'Eriks svar' });
		expect(await mydata.erase(db.sql, anna.id, { removeContent: true })).toBe(true);
		expect(await db.sql`select 1 from public.threads where id = ${anna.thread.id}`).toHaveLength(0);
		expect(
			await db.sql`select 1 from public.experiences where id = ${anna.experience.id}`
		).toHaveLength(0);
		expect(await db.sql`select 1 from public.replies where body like '%ANNA-rm%'`).toHaveLength(0);
		const [kept] = await db.sql`select author_id from public.threads where id = ${shared.id}`;
		expect(kept).toEqual({ author_id: null });
		expect(await db.sql`select body from public.replies where thread_id = ${shared.id}`).toEqual([
			{ body: 'Eriks svar' }
		]);
	});
});
