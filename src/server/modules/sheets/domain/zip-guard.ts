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

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

/**
 * The central directory of a zip held in memory, or why it cannot be read. Stops early
 * (with what it read so far) once `maxEntries` is passed, so junk cannot make it loop long.
 */
export function zipDirectory(
  data: Buffer,
  maxEntries = Number.POSITIVE_INFINITY,
): { ok: true; entries: ZipEntry[] } | { ok: false; reason: 'not_zip' | 'zip64' | 'too_many_entries' } {
  if (data.length < 22 || data.readUInt32LE(0) !== 0x04034b50) return { ok: false, reason: 'not_zip' };
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'not_zip' };
  const count = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return { ok: false, reason: 'zip64' };
  if (count > maxEntries) return { ok: false, reason: 'too_many_entries' };
  if (cdOffset + cdSize > data.length) return { ok: false, reason: 'not_zip' };
  const entries: ZipEntry[] = [];
  let offset = cdOffset;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL) return { ok: false, reason: 'not_zip' };
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const compressedSize = data.readUInt32LE(offset + 20);
    const uncompressedSize = data.readUInt32LE(offset + 24);
    const localOffset = data.readUInt32LE(offset + 42);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff)
      return { ok: false, reason: 'zip64' };
    entries.push({
      name: data.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: data.readUInt16LE(offset + 10),
      flags: data.readUInt16LE(offset + 8),
      compressedSize,
      uncompressedSize,
      localOffset,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

export function inspectXlsx(data: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipVerdict {
  const directory = zipDirectory(data, limits.maxEntries);
  if (!directory.ok) return directory;
  let total = 0;
  const names = new Set<string>();
  for (const entry of directory.entries) {
    names.add(entry.name);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalUncompressed) return { ok: false, reason: 'too_large_unpacked' };
    if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxRatio)
      return { ok: false, reason: 'suspicious_ratio' };
  }
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) return { ok: false, reason: 'not_xlsx' };
  return { ok: true, entries: directory.entries.length, uncompressed: total };
}
