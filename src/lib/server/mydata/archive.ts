import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import * as experiences from '$lib/server/experiences';
import type { Collected, FileEntry } from './collect.ts';

// The ZIP: one JSON file per kind of data, and the uploaded files themselves under files/,
// named by their id so two uploads with the same name never overwrite each other.

const README = `Erfa – mina uppgifter / my data

profile.json        profil, konto och inloggningar / profile, account and sign-ins
memberships.json    grupper och ansökningar / groups and join requests
posts.json          trådar och svar / threads and replies
experiences.json    erfarenheter / experiences
comments.json       kommentarer i dokument och forskning / comments on documents and research
events.json         evenemang du har lagt upp / events you created
documents.json      dokument du har startat (uppgifter, inte texten) / documents you started (details)
research.json       forskning du har lagt in / research you added
notifications.json  aviseringar / notifications
files.json          filer du har laddat upp (innehållet i files/) / files you uploaded
`;

function fileName(file: FileEntry): string {
	return `files/${file.id}-${file.filename.replace(/[/\\]/g, '_')}`;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export async function build(data: Collected): Promise<Uint8Array> {
	const zip = new JSZip();
	const root = zip.folder('erfa-mina-uppgifter')!;
	root.file('README.txt', README);
	root.file(
		'profile.json',
		json({ profile: data.profile, account: data.account, security: data.security })
	);
	root.file(
		'memberships.json',
		json({ memberships: data.memberships, join_requests: data.joinRequests })
	);
	root.file('posts.json', json({ threads: data.threads, replies: data.replies }));
	root.file('experiences.json', json(data.experiences));
	root.file('comments.json', json(data.comments));
	root.file('events.json', json(data.events));
	root.file('documents.json', json(data.documents));
	root.file('research.json', json(data.research));
	root.file('notifications.json', json(data.notifications));
	const manifest = [];
	for (const file of data.files) {
		const path = fileName(file);
		const bytes = await readFile(experiences.attachments.blobPath(file.sha256)).catch(() => null);
		if (bytes) root.file(path, bytes);
		manifest.push({ ...file, path: bytes ? path : null });
	}
	root.file('files.json', json(manifest));
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
