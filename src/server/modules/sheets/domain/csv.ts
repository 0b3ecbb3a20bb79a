/**
 * CSV uploads (RFC 4180: comma-separated, double quotes around fields that hold commas,
 * quotes or line breaks, "" for a quote). Spreadsheets exported on Chinese Windows write
 * GB18030 (GBK) without a byte order mark; others write UTF-8, often with one: text that is
 * not valid UTF-8 is read as GB18030.
 */
export function decodeCsv(data: Buffer): string {
  const bytes = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Rows of fields; a trailing empty line is dropped. Throws on an unterminated quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Plain text with no NUL bytes in its first kilobytes: worth trying as CSV (a zip or binary file is not). */
export function looksLikeText(data: Buffer): boolean {
  if (data.length === 0) return false;
  const head = data.subarray(0, 4096);
  return !head.includes(0) && !(head[0] === 0x50 && head[1] === 0x4b);
}
