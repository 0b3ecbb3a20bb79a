/**
 * A .xlsx is a zip container. Before any workbook parser sees an upload, its central
 * directory is read to refuse what is not a workbook (another file type, 10 MB of junk,
 * a .docx renamed) and what would unpack to far more than it weighs (a zip bomb).
 */
export interface ZipLimits {
  maxEntries: number;
  maxTotalUncompressed: number;
  /** Per entry larger than 1 MiB unpacked: uncompressed ÷ compressed at most this. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxTotalUncompressed: 400 * 1024 * 1024, maxRatio: 400 };

export type ZipVerdict =
  | { ok: true; entries: number; uncompressed: number }
  | { ok: false; reason: 'not_zip' | 'not_xlsx' | 'too_many_entries' | 'too_large_unpacked' | 'suspicious_ratio' | 'zip64' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export function inspectXlsx(data: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipVerdict {
  if (data.length < 22 || data.readUInt32LE(0) !== 0x04034b50) return { ok: false, reason: 'not_zip' };
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'not_zip' };
  const entries = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return { ok: false, reason: 'zip64' };
  if (entries > limits.maxEntries) return { ok: false, reason: 'too_many_entries' };
  if (cdOffset + cdSize > data.length) return { ok: false, reason: 'not_zip' };
  let offset = cdOffset;
  let total = 0;
  const names = new Set<string>();
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL) return { ok: false, reason: 'not_zip' };
    const compressed = data.readUInt32LE(offset + 20);
    const uncompressed = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) return { ok: false, reason: 'zip64' };
    names.add(data.toString('utf8', offset + 46, offset + 46 + nameLength));
    total += uncompressed;
    if (total > limits.maxTotalUncompressed) return { ok: false, reason: 'too_large_unpacked' };
    if (uncompressed > 1024 * 1024 && uncompressed / Math.max(compressed, 1) > limits.maxRatio)
      return { ok: false, reason: 'suspicious_ratio' };
    offset += 46 + nameLength + extraLength + commentLength;
  }
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) return { ok: false, reason: 'not_xlsx' };
  return { ok: true, entries, uncompressed: total };
}
