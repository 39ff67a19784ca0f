import * as memberships from './memberships.ts';
import * as invitations from './invitations.ts';
import type { GroupRef } from './types.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accounts } from '$lib/server/people';
import { forUser } from '$lib/server/platform';
import { mailer } from '$lib/server/mail';
import {
	useTestDatabase,
	buildUser,
	type BuiltUser,
	buildGroup,
	buildMembership
} from '../testing/world.ts';
import { linkIn, startSmtp } from '../testing/smtp.ts';

const db = useTestDatabase({ rest: true });
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let anna: BuiltUser;
let erik: BuiltUser;
let group: GroupRef;
let avesta: string;

beforeAll(async () => {
	smtp = await startSmtp();
	process.env.SMTP_URL = smtp.url;
	process.env.ORIGIN = 'https://erfa.example';
	anna = await buildUser(db.sql, { name: 'Anna Lind' });
	erik = await buildUser(db.sql, { name: 'Erik Berg' });
	const [org] = await db.sql`select id from public.organizations where slug = 'avesta'`;
	avesta = org!.id;
	group = await buildGroup(db.sql, {
		slug: 'sluten',
		name: 'Sluten grupp',
		visibility: 'closed',
		members: [[anna.id, 'coordinator']]
	});
});
afterAll(async () => {
	delete process.env.SMTP_URL;
	await mailer.idle();
	await smtp?.stop();
});
beforeEach(() => {
	smtp.inbox.length = 0;
});

async function delivered(to: string) {
	await mailer.idle();
	return smtp.inbox.filter((m) => m.to.includes(to));
}

const inviteAs = async (who: BuiltUser, email: string, message = '') =>
	invitations.invite(await forUser(db.rest, who.id), db.sql, {
		group,
		email,
		message,
		inviter: { id: who.id, name: who.name },
		locale: 'sv'
	});

describe('inviting by e-mail', () => {
	it('reaches someone not yet registered, who accepts after registering and verifying', async () => {
		const email = 'ny.kollega@hedemora.test';
		expect(await inviteAs(anna, ' Ny.Kollega@Hedemora.test ', 'Välkommen!')).toBe('invited');
		expect(await inviteAs(anna, email)).toBe('already_invited');
		const [mail] = await delivered(email);
		expect(mail?.raw).toContain('Sluten grupp');
		expect(linkIn(mail!.raw, 'https://erfa.example/')).toBe(
			'https://erfa.example/register?email=ny.kollega%40hedemora.test'
		);

		const registered = await accounts.register(
			db.sql,
			{
				name: 'Ny Kollega',
				email,
				password: 'ett långt lösenord för test',
				organizationId: avesta
			},
			{ ip: '203.0.113.9', userAgent: 'vitest', locale: 'sv' }
		);
		if (registered.kind !== 'created') throw new Error('not created');
		const asNew = await forUser(db.rest, registered.userId);
		// An address typed at registration is not proof of owning it: nothing shows yet.
		expect(await invitations.myInvitations(asNew, registered.userId)).toEqual({
			verified: false,
			invitations: []
		});
		const verification = (await delivered(email)).at(-1)!;
		const link = linkIn(verification.raw, 'https://erfa.example/verify-email?token=');
		expect(await accounts.verifyEmail(db.sql, new URL(link!).searchParams.get('token')!)).toBe(
			true
		);

		const mine = await invitations.myInvitations(asNew, registered.userId);
		expect(mine.verified).toBe(true);
		expect(mine.invitations).toHaveLength(1);
		expect(mine.invitations[0]).toMatchObject({
			group: { slug: 'sluten', name: 'Sluten grupp', visibility: 'closed' },
			invitedBy: 'Anna Lind',
			message: 'Välkommen!'
		});
		const id = mine.invitations[0]!.id;
		expect(await invitations.acceptInvitation(asNew, id)).toEqual({
			result: 'accepted',
			slug: 'sluten'
		});
		expect((await invitations.acceptInvitation(asNew, id)).result).toBe('already_decided');
		const rows = await db.sql`select role from public.group_members
			where group_id = ${group.id} and user_id = ${registered.userId}`;
		expect(rows).toEqual([{ role: 'member' }]);
	});

	it('notifies a registered invitee and links to their invitations; they may decline', async () => {
		expect(await inviteAs(anna, erik.email)).toBe('invited');
		const [mail] = await delivered(erik.email);
		expect(linkIn(mail!.raw, 'https://erfa.example/')).toBe('https://erfa.example/invitations');
		const [note] =
			await db.sql`select kind, link from public.notifications where user_id = ${erik.id}`;
		expect(note).toEqual({ kind: 'invitation', link: '/invitations' });
		const asErik = await forUser(db.rest, erik.id);
		const [invitation] = (await invitations.myInvitations(asErik, erik.id)).invitations;
		const decline = { invitationId: invitation!.id, userId: erik.id };
		expect(await invitations.declineInvitation(asErik, decline)).toBe('declined');
		expect(await invitations.declineInvitation(asErik, decline)).toBe('already_decided');
		expect((await invitations.acceptInvitation(asErik, invitation!.id)).result).toBe(
			'already_decided'
		);
		expect(await memberships.roleOf(asErik, group.id, erik.id)).toBeNull();
	});

	it('says when the address belongs to a member, and lets only coordinators invite', async () => {
		const member = await buildUser(db.sql);
		await buildMembership(db.sql, { groupId: group.id, userId: member.id });
		expect(await inviteAs(anna, member.email)).toBe('already_member');
		expect(await inviteAs(member, 'nagon@example.test')).toBe('forbidden');
		expect(await inviteAs(anna, 'inte en adress')).toBe('invalid');
		const rows = await db.sql`select email from public.invitations
			where email in (${member.email}, 'nagon@example.test')`;
		expect(rows).toHaveLength(0);
		expect(await delivered('nagon@example.test')).toHaveLength(0);
	});

	it('shows a coordinator the open invitations and lets them take one back', async () => {
		expect(await inviteAs(anna, 'tillbaka@example.test')).toBe('invited');
		const asAnna = await forUser(db.rest, anna.id);
		const open = await invitations.pendingInvitations(asAnna, group.id);
		const mine = open.find((i) => i.email === 'tillbaka@example.test');
		expect(mine).toMatchObject({ invitedBy: 'Anna Lind' });
		// The coordinator's own invitations page lists only invitations to their own address.
		expect((await invitations.myInvitations(asAnna, anna.id)).invitations).toEqual([]);
		const input = { groupId: group.id, invitationId: mine!.id };
		expect(await invitations.cancelInvitation(asAnna, input)).toBe(true);
		expect(await invitations.cancelInvitation(asAnna, input)).toBe(false);
		expect(await inviteAs(anna, 'tillbaka@example.test')).toBe('invited');
	});
});
