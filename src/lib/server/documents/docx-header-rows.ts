import JSZip from 'jszip';

// Word marks a table's header row in two ways. "Repeat as header row" writes <w:tblHeader/>,
// which mammoth turns into <th>. The far more common "Header Row" box of a table style writes
// only <w:cnfStyle w:firstRow="1"/> on the row, which mammoth ignores, so the header would
// become an ordinary row. Such rows get <w:tblHeader/> added before mammoth reads the file.

const MAIN = 'word/document.xml';
const ROW_PROPERTIES = /<w:trPr>((?:(?!<\/w:trPr>)[\s\S])*?)<\/w:trPr>/g;
const FIRST_ROW = /<w:cnfStyle\b[^>]*\bw:firstRow="(?:1|true|on)"/;

/** The file with its style-marked header rows also marked "repeat as header row". */
export async function markHeaderRows(bytes: Uint8Array): Promise<Uint8Array> {
	const zip = await JSZip.loadAsync(bytes);
	const part = zip.file(MAIN);
	if (!part) return bytes;
	const xml = await part.async('string');
	const marked = xml.replace(ROW_PROPERTIES, (whole, inner: string) =>
		FIRST_ROW.test(inner) && !inner.includes('<w:tblHeader')
			? `<w:trPr>${inner}<w:tblHeader/></w:trPr>`
			: whole
	);
	if (marked === xml) return bytes;
	zip.file(MAIN, marked);
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
