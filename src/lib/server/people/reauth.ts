import type { Sql } from 'postgres';
import * as recent from '../auth/recent.ts';
import * as twoFactor from '../auth/two-factor.ts';
import type { Client } from '../platform/request.ts';
import { reauthenticate } from './credentials.ts';
import type { Throttled } from './refused.ts';

export type Confirmed =
	| { kind: 'ok' }
	| { kind: 'wrong_password' }
	| { kind: 'code_required' }
	| { kind: 'wrong_code' }
	| Throttled;

/**
 * Re-authentication before a sensitive action: the password and, when the person has
 * two-factor, a code (or recovery code). Both are rate-limited as at login. On success the
 * session counts as freshly authenticated for the next 15 minutes (auth/recent.ts).
 */
export async function confirmIdentity(
	sql: Sql,
	who: { userId: string; sessionId: string },
	input: { password: string; code?: string },
	client: Pick<Client, 'ip'>
): Promise<Confirmed> {
	const enrolled = await twoFactor.isEnabled(sql, who.userId);
	if (enrolled && !input.code?.trim()) return { kind: 'code_required' };
	const checked = await reauthenticate(sql, who.userId, input.password, client);
	if (checked.kind !== 'ok') return checked;
	if (enrolled) {
		const code = await twoFactor.check(sql, who.userId, input.code ?? '', client.ip);
		if (code.kind === 'invalid') return { kind: 'wrong_code' };
		if (code.kind === 'throttled') return code;
	}
	await recent.mark(sql, who.sessionId);
	return { kind: 'ok' };
}
