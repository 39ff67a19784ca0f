import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from './config.ts';

// Secrets the app must read back (TOTP secrets) are stored AES-256-GCM encrypted, so a copy of
// the database alone reveals nothing. The key comes from ERFA_ENCRYPTION_KEY (base64url, 32
// bytes) or, when that is unset, from DATA_DIR/encryption.key, generated on first use beside the
// other local secrets and never committed. Losing the key means enrolling two-factor again.

const VERSION = 'v1';
let cached: { source: string; key: Buffer } | undefined;

function keyFromText(text: string, where: string): Buffer {
	const key = Buffer.from(text.trim(), 'base64url');
	if (key.length !== 32) throw new Error(`${where} must hold 32 bytes, base64url-encoded.`);
	return key;
}

function loadKey(): Buffer {
	const config = readConfig();
	const fromEnv = process.env.ERFA_ENCRYPTION_KEY;
	const source = fromEnv ? 'env' : join(config.dataDir, 'encryption.key');
	if (cached?.source === source) return cached.key;
	let key: Buffer;
	if (fromEnv) key = keyFromText(fromEnv, 'ERFA_ENCRYPTION_KEY');
	else {
		try {
			key = keyFromText(readFileSync(source, 'utf8'), source);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			key = randomBytes(32);
			mkdirSync(config.dataDir, { recursive: true });
			// `wx`: two processes starting at once must not each write a different key.
			try {
				writeFileSync(source, key.toString('base64url'), { mode: 0o600, flag: 'wx' });
			} catch (raced) {
				if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
				key = keyFromText(readFileSync(source, 'utf8'), source);
			}
		}
	}
	cached = { source, key };
	return key;
}

/** `v1.<iv>.<ciphertext+tag>`, base64url; `context` binds it to its owner (e.g. the user id). */
export function encrypt(plain: Uint8Array, context: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', loadKey(), iv);
	cipher.setAAD(Buffer.from(context));
	const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
	return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export function decrypt(sealed: string, context: string): Uint8Array {
	const [version, ivText, bodyText] = sealed.split('.');
	if (version !== VERSION || !ivText || !bodyText) throw new Error('Unknown sealed format');
	const body = Buffer.from(bodyText, 'base64url');
	const decipher = createDecipheriv('aes-256-gcm', loadKey(), Buffer.from(ivText, 'base64url'));
	decipher.setAAD(Buffer.from(context));
	decipher.setAuthTag(body.subarray(body.length - 16));
	return new Uint8Array(
		Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()])
	);
}
