import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readConfig } from './config.ts';

// Secrets the app must be able to use again (an identity provider's client secret, a person's
// two-factor key) are stored
// encrypted with AES-256-GCM under ERFA_ENCRYPTION_KEY: generated beside the database's other
// secrets on first start (secrets.ts) or given in the environment. A copy of the database
// alone then reveals nothing; `purpose` binds a value to where it belongs.

function key(): Buffer {
	const secret = readConfig().ERFA_ENCRYPTION_KEY;
	if (!secret) throw new Error('ERFA_ENCRYPTION_KEY is not set: start Erfa with `npm start`.');
	return createHash('sha256').update(secret).digest();
}

const b64 = (b: Buffer) => b.toString('base64url');

export function encrypt(plain: string | Uint8Array, purpose: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key(), iv);
	cipher.setAAD(Buffer.from(purpose));
	const bytes = typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain;
	const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
	return ['v1', b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
}

/** The text sealed by `encrypt`. */
export function decrypt(sealed: string, purpose: string): string {
	return Buffer.from(decryptBytes(sealed, purpose)).toString('utf8');
}

/** The bytes sealed by `encrypt`. */
export function decryptBytes(sealed: string, purpose: string): Uint8Array {
	const [version, iv, tag, body] = sealed.split('.');
	if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
	const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
	decipher.setAAD(Buffer.from(purpose));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return new Uint8Array(
		Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()])
	);
}
