import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('password policy', () => {
	it.each([
		['kort', 'too_short'],
		['1234567890', 'common'],
		['password123', 'common'],
		['Sommar2026!', 'common'],
		['lösenord12345', 'common'],
		['aaaaaaaaaaaa', 'common'],
		['x'.repeat(257), 'too_long']
	])('refuses %s (%s)', (password, problem) => {
		expect(passwordProblem(password)).toBe(problem);
	});

	it('refuses a password built from the person’s own name or address', () => {
		expect(passwordProblem('annalind2026', ['Anna Lind', 'anna.lind@avesta.test'])).toBe(
			'personal'
		);
	});

	it('accepts a long passphrase', () => {
		expect(passwordProblem('gruvor och skogar i bergslagen', ['Anna Lind'])).toBeNull();
	});
});

describe('argon2id hashing', () => {
	it('verifies the right password only and hashes with argon2id', async () => {
		const hash = await hashPassword('gruvor och skogar');
		expect(hash.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(hash, 'gruvor och skogar')).toBe(true);
		expect(await verifyPassword(hash, 'gruvor och skog')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});
});
