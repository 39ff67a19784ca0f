import type { TransactionSql } from 'postgres';

// The administrators' two-factor policy is on by default. The demo accounts are exempted so
// that their documented password logins (README, the contract's demo accounts, the end-to-end
// tests) keep working; every other administrator is sent to enrol.

export const TWO_FACTOR_NOTE =
	'Two-factor authentication is required for administrators, but not for these demo accounts ' +
	'(exempted so the password logins above keep working).';

export async function seedDemoSecurity(tx: TransactionSql, ids: Map<string, string>) {
	const rows = [...ids.values()].map((user_id) => ({ user_id, reason: 'demo account' }));
	if (!rows.length) return;
	await tx`insert into erfa_private.two_factor_exemptions ${tx(rows, 'user_id', 'reason')}
		on conflict (user_id) do nothing`;
}
