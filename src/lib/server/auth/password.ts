import { hash, verify } from '@node-rs/argon2';
import { createRequire } from 'node:module';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations, 1 lane).
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// A real hash of a random secret: verifying against it when no account matches makes a
// wrong e-mail address take as long as a wrong password (no enumeration by timing).
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
	decoy ??= hashPassword(crypto.randomUUID());
	await verifyPassword(await decoy, password);
	return false;
}

const swedishCommon = [
	'lösenord',
	'losenord',
	'välkommen',
	'valkommen',
	'sommar',
	'vinter',
	'hösten',
	'våren',
	'hemligt',
	'qwertyuiop',
	'asdfghjkl',
	'bergslagen',
	'bergslaget',
	'erfa',
	'kommun',
	'kommunen',
	'sverige',
	'stockholm',
	'göteborg',
	'örebro',
	'fotboll',
	'hockey',
	'kalleanka'
];

// The common-password list (~3 MB of heap) is read at the first check, not at start-up: a
// process may never check a new password (issue 17). require() keeps the check synchronous.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
	if (!common) {
		const { dictionary } = createRequire(import.meta.url)(
			'@zxcvbn-ts/language-common'
		) as typeof import('@zxcvbn-ts/language-common');
		common = new Set([...dictionary['passwords-common'], ...swedishCommon]);
	}
	return common;
}

/** The password with digits and symbols trimmed from its ends: "Sommar2026!" → "sommar". */
function core(password: string): string {
	return password.toLowerCase().replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal';

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, personal: string[] = []): PasswordProblem | null {
	if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
	if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
	const lower = password.toLowerCase();
	const stripped = core(password);
	const common = commonPasswords();
	if (common.has(lower) || common.has(stripped) || stripped.length < 4 || /^(.)\1+$/u.test(lower)) {
		return 'common';
	}
	// The person's name and address parts, and the name written together ("annalind").
	const words = personal
		.flatMap((p) => [
			...p.toLowerCase().split(/[\s@._-]+/),
			p.toLowerCase().split('@')[0]!.replace(/[\W_]/g, '')
		])
		.concat(personal.map((p) => p.toLowerCase().replace(/[\s\W_]/g, '')))
		.filter((w) => w.length >= 4);
	if (words.some((w) => stripped.includes(w) && w.length * 2 >= stripped.length)) return 'personal';
	return null;
}
