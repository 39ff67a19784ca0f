import { crc32 } from 'node:zlib';

// Small but real files of each kind, built byte by byte so nothing is read from disk.

export const pdfBytes = () =>
	new TextEncoder().encode(
		'%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
			'2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
			'trailer <</Root 1 0 R>>\n%%EOF\n'
	);

/** A 1×1 PNG: the 8-byte signature, an IHDR chunk, one IDAT and IEND. */
export const pngBytes = () =>
	Uint8Array.from(
		Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
			'base64'
		)
	);

/** A minimal DOCX: a zip (entries stored, not compressed) with [Content_Types].xml naming the
 * WordprocessingML main part, which is what file-type reads, and word/document.xml. */
export function docxBytes(): Uint8Array {
	const main = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
	return storedZip([
		[
			'[Content_Types].xml',
			'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
				`<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`
		],
		[
			'word/document.xml',
			'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hej</w:t></w:r></w:p></w:body></w:document>'
		]
	]);
}

function storedZip(entries: [name: string, text: string][]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of entries) {
		const nameBytes = Buffer.from(name, 'utf8');
		const data = Buffer.from(text, 'utf8');
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBytes, data);
		centrals.push(central, nameBytes);
		offset += local.length + nameBytes.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
