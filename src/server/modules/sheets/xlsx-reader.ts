import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import type { MessageKey } from '../../../contracts/index.js';
import { type Cell, normaliseCell } from './domain/cells.js';
import { DEFAULT_ZIP_LIMITS, type ZipEntry, inspectXlsx, zipDirectory } from './domain/zip-guard.js';

/**
 * Juli's own reader of the first worksheet of an .xlsx held in memory (decision 0016).
 *
 * exceljs's streaming reader decodes every inflated chunk on its own (`TextDecoder.decode`
 * without `stream: true`), so a multi-byte character cut by a chunk boundary became U+FFFD;
 * its whole-file reader holds the entire workbook model. This reader takes the zip directory
 * (already checked by the zip guard), inflates the shared strings and the sheet as streams with
 * a size cap, decodes them with one streaming UTF-8 decoder per part (a character cut in two is
 * joined; bytes that are not UTF-8 are refused, never replaced), and scans the XML for rows
 * and cells. Memory: the upload, the shared strings, and a chunk of sheet XML at a time.
 */

export interface SheetRow {
  /** 1-based sheet row. */
  row: number;
  cells: Cell[];
}

/** The file is not a workbook we can read, or not safely: the key is what the user is told. */
export class WorkbookError extends Error {
  constructor(
    readonly key: MessageKey,
    detail: string,
  ) {
    super(detail);
  }
}

/** Excel's widest sheet (XFD). A cell address past it is a malformed (or hostile) file. */
const MAX_COLUMNS = 16_384;
/** Inflated output is read in pieces of this size. */
const CHUNK_BYTES = 256 * 1024;
/** workbook.xml, its relationships and styles are small; more than this is not a workbook. */
const MAX_SMALL_PART_BYTES = 32 * 1024 * 1024;

const notXlsx = (detail: string) => new WorkbookError('sheet.notXlsx', detail);

/**
 * The rows of the workbook's first worksheet (in workbook order), normalised, in sheet order;
 * rows without any value are left out. The consumer may stop at any row (the rest is not
 * inflated). Throws a WorkbookError for what it cannot read exactly.
 */
export async function* readFirstSheet(data: Buffer): AsyncGenerator<SheetRow> {
  const verdict = inspectXlsx(data);
  if (!verdict.ok) {
    throw new WorkbookError(
      verdict.reason === 'not_zip' || verdict.reason === 'not_xlsx' ? 'sheet.notXlsx' : 'sheet.unsafe',
      verdict.reason,
    );
  }
  const directory = zipDirectory(data, DEFAULT_ZIP_LIMITS.maxEntries);
  if (!directory.ok) throw notXlsx(directory.reason);
  const entries = new Map(directory.entries.map((e) => [e.name.replace(/^\//, ''), e]));
  const part = (name: string) => entries.get(name.replace(/^\//, ''));

  const workbookXml = await smallPart(data, part('xl/workbook.xml'), 'xl/workbook.xml');
  const rels = relationships(await smallPart(data, part('xl/_rels/workbook.xml.rels'), 'xl/_rels/workbook.xml.rels'));
  const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);

  const sheetTarget = firstWorksheetTarget(workbookXml, rels);
  if (!sheetTarget) return;
  const sheetEntry = part(sheetTarget);
  if (!sheetEntry) throw notXlsx(`missing ${sheetTarget}`);

  const stylesTarget = [...rels.values()].find((r) => r.type.endsWith('/styles'))?.target ?? 'xl/styles.xml';
  const stylesEntry = part(stylesTarget);
  const dateStyles = stylesEntry ? dateStyleIndexes(await smallPart(data, stylesEntry, stylesTarget)) : new Set<number>();

  const stringsTarget = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
  const stringsEntry = part(stringsTarget);
  const strings = stringsEntry ? await sharedStrings(data, stringsEntry) : [];

  const scanner = new SheetScanner(strings, dateStyles, date1904);
  for await (const text of decodedPart(data, sheetEntry)) {
    const rows = scanner.push(text);
    for (const row of rows) yield row;
    if (scanner.finished) return;
  }
  for (const row of scanner.end()) yield row;
}

// ---------------------------------------------------------------- zip parts

function compressedBytes(data: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) throw notXlsx(`bad local header of ${entry.name}`);
  if (entry.flags & 0x1) throw notXlsx(`${entry.name} is encrypted`);
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  if (start + entry.compressedSize > data.length) throw notXlsx(`${entry.name} is cut short`);
  return data.subarray(start, start + entry.compressedSize);
}

/**
 * A part's bytes as they inflate, in pieces. The inflated size may not pass what the zip
 * directory declares (which the zip guard weighed): a file that lies about it is refused.
 */
async function* inflatedPart(data: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const raw = compressedBytes(data, entry);
  if (entry.method === 0) {
    if (raw.length !== entry.uncompressedSize) throw new WorkbookError('sheet.unsafe', `${entry.name}: size differs`);
    for (let i = 0; i < raw.length; i += CHUNK_BYTES) yield raw.subarray(i, i + CHUNK_BYTES);
    return;
  }
  if (entry.method !== 8) throw notXlsx(`${entry.name}: compression method ${entry.method}`);
  const inflater = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES });
  inflater.end(raw);
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.uncompressedSize) throw new WorkbookError('sheet.unsafe', `${entry.name} unpacks to more than it declares`);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    throw notXlsx(`${entry.name}: ${(error as Error).message}`);
  } finally {
    inflater.destroy();
  }
}

/**
 * A part's text as it inflates: one streaming decoder for the whole part, so a character
 * whose bytes fall in two pieces is decoded whole. UTF-8 (a BOM is dropped) unless the part
 * starts with a UTF-16 byte order mark; bytes that do not decode refuse the file.
 */
async function* decodedPart(data: Buffer, entry: ZipEntry): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  try {
    for await (const chunk of inflatedPart(data, entry)) {
      if (!decoder) {
        const utf16 = chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff));
        decoder = new TextDecoder(utf16 ? (chunk[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8', { fatal: true });
      }
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder?.decode() ?? '';
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    throw new WorkbookError('sheet.badText', `${entry.name}: ${(error as Error).message}`);
  }
}

async function smallPart(data: Buffer, entry: ZipEntry | undefined, name: string): Promise<string> {
  if (!entry) throw notXlsx(`missing ${name}`);
  if (entry.uncompressedSize > MAX_SMALL_PART_BYTES) throw new WorkbookError('sheet.unsafe', `${name} is too large`);
  let text = '';
  for await (const piece of decodedPart(data, entry)) text += piece;
  return text;
}

// ---------------------------------------------------------------- workbook, relationships, styles

/** Attributes of one start tag (`<x a="1" r:id='2'>`), by local name (the first of a name wins). */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/\s([\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (!out.has(m[2]!)) out.set(m[2]!, decodeXmlText(m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** Relationships of workbook.xml by id, targets resolved to zip paths. */
function relationships(xml: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = a.get('Id');
    const target = a.get('Target');
    if (!id || !target || a.get('TargetMode') === 'External') continue;
    out.set(id, { type: a.get('Type') ?? '', target: resolvePath('xl/', target) });
  }
  return out;
}

function resolvePath(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const piece of target.split('/')) {
    if (piece === '' || piece === '.') continue;
    if (piece === '..') parts.pop();
    else parts.push(piece);
  }
  return parts.join('/');
}

/** The zip path of the first sheet in workbook order that is a worksheet (not a chart sheet). */
function firstWorksheetTarget(workbookXml: string, rels: Map<string, { type: string; target: string }>): string | null {
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
    const rel = rels.get(attributes(m[0]).get('id') ?? '');
    if (rel && rel.type.endsWith('/worksheet')) return rel.target;
  }
  return null;
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, with the zh-CN/ja-JP ones). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format shows a date when, outside quotes and brackets, it has a date or time letter (as exceljs decides). */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Indexes of the cell formats (cellXfs) whose number format is a date. */
function dateStyleIndexes(stylesXml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:[\w.-]+:)?numFmt\b[^>]*>/g)) {
    const a = attributes(m[0]);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const out = new Set<number>();
  const section = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  let index = 0;
  for (const m of section.matchAll(/<(?:[\w.-]+:)?xf\b[^>]*>/g)) {
    const id = Number(attributes(m[0]).get('numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id)) out.add(index);
    index++;
  }
  return out;
}

// ---------------------------------------------------------------- text

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text content or an attribute value as XML means it: line ends normalised, entities and CDATA resolved. */
export function decodeXmlText(raw: string): string {
  let text = raw;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.includes('<![CDATA[')) {
    let out = '';
    let pos = 0;
    for (let start = text.indexOf('<![CDATA[', pos); start >= 0; start = text.indexOf('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', start);
      if (end < 0) throw notXlsx('unterminated CDATA');
      out += decodeXmlText(text.slice(pos, start)) + text.slice(start + 9, end);
      pos = end + 3;
    }
    return out + decodeXmlText(text.slice(pos));
  }
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named]!;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
    if (!(code >= 0 && code <= 0x10ffff)) throw notXlsx('bad character reference');
    return String.fromCodePoint(code);
  });
}

/** OOXML's escape of characters XML cannot carry (`_x000D_`, and `_x005F_` for a literal underscore). */
function unescapeOoxml(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;
}

/**
 * The text of a shared string or inline string (`<si>`/`<is>` content): plain `<t>`, or the
 * runs of rich text joined; phonetic guides (`<rPh>`) are not part of the value.
 */
function stringItemText(xml: string, p: string): string {
  let content = xml;
  if (content.includes(`<${p}rPh`)) content = content.replace(new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g'), '');
  const open = `<${p}t`;
  const close = `</${p}t>`;
  let out = '';
  let pos = 0;
  for (let i = content.indexOf(open, pos); i >= 0; i = content.indexOf(open, pos)) {
    const next = content.charCodeAt(i + open.length);
    if (next !== 62 && next !== 47 && !isSpace(next)) {
      pos = i + open.length;
      continue;
    }
    const gt = content.indexOf('>', i);
    if (gt < 0) throw notXlsx('unterminated <t>');
    if (content.charCodeAt(gt - 1) === 47) {
      pos = gt + 1;
      continue;
    }
    const end = content.indexOf(close, gt);
    if (end < 0) throw notXlsx('unterminated <t>');
    out += content.slice(gt + 1, end);
    pos = end + close.length;
  }
  return unescapeOoxml(decodeXmlText(out));
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The namespace prefix a part's root element uses (`x:` in some generators, none in Excel's). */
function rootPrefix(text: string, local: string): string | null {
  const m = new RegExp(`<([\\w.-]+:)?${local}[\\s>]`).exec(text);
  return m ? (m[1] ?? '') : null;
}

// ---------------------------------------------------------------- shared strings

/** The shared strings, each normalised as a cell (trimmed; blank is null). */
async function sharedStrings(data: Buffer, entry: ZipEntry): Promise<Cell[]> {
  const strings: Cell[] = [];
  let pending = '';
  let p: string | null = null;
  for await (const text of decodedPart(data, entry)) {
    pending += text;
    if (p === null) {
      p = rootPrefix(pending, 'sst');
      if (p === null) {
        if (pending.length > 64 * 1024) throw notXlsx('sharedStrings without <sst>');
        continue;
      }
    }
    pending = takeStringItems(pending, p, strings);
  }
  if (p !== null) takeStringItems(pending, p, strings);
  return strings;
}

/** Reads every complete `<si>` of `text` into `out`; returns what is left for the next piece. */
function takeStringItems(text: string, p: string, out: Cell[]): string {
  const open = `<${p}si`;
  const close = `</${p}si>`;
  let pos = 0;
  for (let i = text.indexOf(open, pos); i >= 0; i = text.indexOf(open, pos)) {
    const gt = text.indexOf('>', i);
    if (gt < 0) return text.slice(i);
    if (text.charCodeAt(gt - 1) === 47) {
      out.push(null);
      pos = gt + 1;
      continue;
    }
    const end = text.indexOf(close, gt);
    if (end < 0) return text.slice(i);
    out.push(normaliseCell(stringItemText(text.slice(gt + 1, end), p)));
    pos = end + close.length;
  }
  // Keep a possible start of "<si" cut at the end of this piece.
  return text.slice(Math.max(pos, text.length - open.length));
}

// ---------------------------------------------------------------- the sheet

class SheetScanner {
  finished = false;
  private pending = '';
  private prefix: string | null = null;
  private inData = false;
  private lastRow = 0;
  private tags = { rowOpen: '', rowClose: '', dataOpen: '', dataClose: '', cOpen: '', cClose: '' };
  private cellTags = { f: '', v: '', vClose: '', is: '', isClose: '' };

  constructor(
    private readonly strings: readonly Cell[],
    private readonly dateStyles: ReadonlySet<number>,
    private readonly date1904: boolean,
  ) {}

  push(text: string): SheetRow[] {
    this.pending += text;
    if (this.prefix === null) {
      const p = rootPrefix(this.pending, 'worksheet');
      if (p === null) {
        if (this.pending.length > 64 * 1024) throw notXlsx('sheet without <worksheet>');
        return [];
      }
      this.prefix = p;
      this.tags = {
        rowOpen: `<${p}row`,
        rowClose: `</${p}row>`,
        dataOpen: `<${p}sheetData`,
        dataClose: `</${p}sheetData>`,
        cOpen: `<${p}c`,
        cClose: `</${p}c>`,
      };
      this.cellTags = { f: `<${p}f`, v: `<${p}v`, vClose: `</${p}v>`, is: `<${p}is`, isClose: `</${p}is>` };
    }
    return this.scan(false);
  }

  end(): SheetRow[] {
    return this.prefix === null ? [] : this.scan(true);
  }

  private scan(last: boolean): SheetRow[] {
    const out: SheetRow[] = [];
    const t = this.tags;
    let text = this.pending;
    if (!this.inData) {
      const start = text.indexOf(t.dataOpen);
      const gt = start < 0 ? -1 : text.indexOf('>', start);
      if (gt < 0) {
        // Keep what may be the start of <sheetData cut at the end of this piece.
        this.pending = start >= 0 ? text.slice(start) : text.slice(Math.max(0, text.length - t.dataOpen.length));
        if (last) throw notXlsx('sheet without <sheetData>');
        return out;
      }
      if (text.charCodeAt(gt - 1) === 47) {
        this.finished = true; // <sheetData/>: no rows
        this.pending = '';
        return out;
      }
      this.inData = true;
      text = text.slice(gt + 1);
    }
    // Rows up to </sheetData> (when it is in this piece); after it come merges, breaks and the like.
    const dataEnd = text.indexOf(t.dataClose);
    const limit = dataEnd < 0 ? text.length : dataEnd;
    let pos = 0;
    for (;;) {
      const rowAt = text.indexOf(t.rowOpen, pos);
      if (rowAt < 0 || rowAt >= limit) break;
      const next = text.charCodeAt(rowAt + t.rowOpen.length);
      if (Number.isNaN(next)) break; // "<row" cut at the end of this piece
      if (next !== 62 && next !== 47 && !isSpace(next)) {
        pos = rowAt + t.rowOpen.length;
        continue;
      }
      const gt = text.indexOf('>', rowAt);
      if (gt < 0) break;
      if (text.charCodeAt(gt - 1) === 47) {
        this.rowNumber(text.slice(rowAt, gt)); // an empty row (<row r="3"/>)
        pos = gt + 1;
        continue;
      }
      const closeAt = text.indexOf(t.rowClose, gt);
      if (closeAt < 0 || (dataEnd >= 0 && closeAt > dataEnd)) {
        if (dataEnd >= 0 || last) throw notXlsx('a row is not closed');
        break; // the rest of the row comes with the next piece
      }
      const number = this.rowNumber(text.slice(rowAt, gt));
      const cells = this.cells(text.slice(gt + 1, closeAt), number);
      if (cells.length) out.push({ row: number, cells });
      pos = closeAt + t.rowClose.length;
    }
    if (dataEnd >= 0) {
      this.finished = true;
      this.pending = '';
    } else {
      if (last) throw notXlsx('sheet ends inside <sheetData>');
      this.pending = text.slice(pos);
    }
    return out;
  }

  private rowNumber(tag: string): number {
    const m = /\sr\s*=\s*["'](\d+)["']/.exec(tag);
    const number = m ? Number(m[1]) : this.lastRow + 1;
    if (!(number >= 1)) throw notXlsx('bad row number');
    this.lastRow = number;
    return number;
  }

  private cells(xml: string, rowNumber: number): Cell[] {
    const t = this.tags;
    const cells: Cell[] = [];
    let column = 0;
    let pos = 0;
    for (let i = xml.indexOf(t.cOpen, pos); i >= 0; i = xml.indexOf(t.cOpen, pos)) {
      const next = xml.charCodeAt(i + t.cOpen.length);
      if (next !== 62 && next !== 47 && !isSpace(next)) {
        pos = i + t.cOpen.length;
        continue;
      }
      const gt = xml.indexOf('>', i);
      if (gt < 0) throw notXlsx(`row ${rowNumber}: unterminated cell`);
      const tag = xml.slice(i, gt);
      let ref: string | undefined;
      let type: string | undefined;
      let style = 0;
      if (!IRREGULAR_TAG.test(tag)) {
        // As Excel writes it (<c r="B2" s="1" t="s">): found without a regular expression per cell.
        ref = plainAttribute(tag, ' r="');
        type = plainAttribute(tag, ' t="');
        const s = plainAttribute(tag, ' s="');
        if (s !== undefined) style = Number(s);
      } else {
        for (const m of tag.matchAll(/\s([rst])\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
          const value = m[2] ?? m[3] ?? '';
          if (m[1] === 'r') ref = value;
          else if (m[1] === 't') type = value;
          else style = Number(value);
        }
      }
      column = ref ? columnOf(ref, rowNumber) : column + 1;
      if (xml.charCodeAt(gt - 1) === 47) {
        pos = gt + 1; // a formatted empty cell
        continue;
      }
      const end = xml.indexOf(t.cClose, gt);
      if (end < 0) throw notXlsx(`row ${rowNumber}: unterminated cell`);
      const value = this.cellValue(xml.slice(gt + 1, end), type, style);
      pos = end + t.cClose.length;
      if (value === null) continue;
      while (cells.length < column - 1) cells.push(null);
      cells[column - 1] = value;
    }
    return cells;
  }

  private cellValue(inner: string, type: string | undefined, style: number): Cell {
    const c = this.cellTags;
    const at = type === 'inlineStr' ? inner.indexOf(c.is) : -1;
    if (at >= 0) {
      const gt = inner.indexOf('>', at);
      if (inner.charCodeAt(gt - 1) === 47) return null;
      const end = inner.indexOf(c.isClose, gt);
      if (end < 0) throw notXlsx('unterminated <is>');
      return normaliseCell(stringItemText(inner.slice(gt + 1, end), this.prefix!));
    }
    const raw = elementText(inner, c.v, c.vClose);
    if (raw === null) return null; // no value (a formula without its result counts as empty)
    const text = decodeXmlText(raw);
    switch (type) {
      case 's': {
        const index = Number(text);
        const value = this.strings[index];
        if (!Number.isInteger(index) || value === undefined) throw notXlsx(`shared string ${text} does not exist`);
        return value;
      }
      case 'str':
      case 'inlineStr': // written by some tools with its text in <v>
        return normaliseCell(text);
      case 'b':
        return Number.parseInt(text, 10) !== 0;
      case 'e':
        return normaliseCell(text);
      case 'd': {
        const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
        return Number.isNaN(date.getTime()) ? normaliseCell(text) : date;
      }
      default: {
        if (text.trim() === '') return null;
        const n = Number.parseFloat(text);
        if (this.dateStyles.has(style) && Number.isFinite(n))
          return new Date(Math.round((n - 25569 + (this.date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
        return n;
      }
    }
  }
}

/** A start tag whose attributes are not all written ` name="value"` (single quotes, other white space, spaced "="). */
const IRREGULAR_TAG = /['\t\n\r]|\s=|=\s/;

function plainAttribute(tag: string, key: string): string | undefined {
  const at = tag.indexOf(key);
  if (at < 0) return undefined;
  const start = at + key.length;
  const end = tag.indexOf('"', start);
  return end < 0 ? undefined : tag.slice(start, end);
}

/** The raw text of the first `<v>`-like element, or null when it is absent or empty-tagged. */
function elementText(xml: string, open: string, close: string): string | null {
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + open.length)) {
    const next = xml.charCodeAt(at + open.length);
    if (next !== 62 && next !== 47 && !isSpace(next)) continue;
    const gt = xml.indexOf('>', at);
    if (gt < 0 || xml.charCodeAt(gt - 1) === 47) return null;
    const end = xml.indexOf(close, gt);
    return end < 0 ? null : xml.slice(gt + 1, end);
  }
  return null;
}

/** "AB12" → 28 (checked against the row it sits in). */
function columnOf(ref: string, rowNumber: number): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else break;
    if (column > MAX_COLUMNS) throw notXlsx(`cell ${ref} is past the last column`);
  }
  if (column === 0 || (i < ref.length && Number(ref.slice(i)) !== rowNumber)) throw notXlsx(`cell ${ref} in row ${rowNumber}`);
  return column;
}
