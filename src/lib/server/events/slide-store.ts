import { join } from 'node:path';
import { readConfig } from '../platform/config.ts';

// Where session slides live: a content-addressed store of their own under the data folder
// (not the attachments' store, whose clean-up knows nothing of these rows). Plain Node: the
// demo seed writes its slides here too.

export function storeDir(): string {
	return join(readConfig().dataDir, 'event-files');
}

export function blobPath(sha256: string): string {
	if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('slides: bad hash');
	return join(storeDir(), sha256.slice(0, 2), sha256);
}
