import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Real images for photo tests: a 16×16 JPEG tagged by exiftool (DateTimeOriginal
 * 2026:02:20 09:15:30 without offset, GPS 26.893611 N 112.571944 E) and a 16×16 PNG
 * without metadata; plus an EXIF writer to put any time and place into a JPEG.
 */
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/photos/${name}`, import.meta.url)));
export const jpegWithExifFixture = (): Buffer => fixture('site-exif.jpg');
export const pngFixture = (): Buffer => fixture('site.png');

export interface ExifTags {
  dateTimeOriginal?: string;
  offsetTimeOriginal?: string;
  latitude?: number;
  longitude?: number;
}

type Entry = { tag: number; type: 2 | 4 | 5; count: number; data: Buffer | number };

/** A TIFF structure (IFD0 → Exif IFD, GPS IFD) in either byte order, as a camera writes it. */
function tiff(tags: ExifTags, order: 'II' | 'MM'): Buffer {
  const le = order === 'II';
  const u16 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const u32 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  const ascii = (tag: number, s: string): Entry => ({ tag, type: 2, count: s.length + 1, data: Buffer.from(`${s}\0`, 'latin1') });
  const degrees = (tag: number, value: number): Entry => {
    const d = Math.floor(value);
    const m = Math.floor((value - d) * 60);
    const s = Math.round(((value - d) * 60 - m) * 60 * 10_000);
    const b = Buffer.alloc(24);
    for (const [i, v] of [d, 1, m, 1, s, 10_000].entries()) u32(b, v, i * 4);
    return { tag, type: 5, count: 3, data: b };
  };
  const exif: Entry[] = [];
  if (tags.dateTimeOriginal) exif.push(ascii(0x9003, tags.dateTimeOriginal));
  if (tags.offsetTimeOriginal) exif.push(ascii(0x9011, tags.offsetTimeOriginal));
  const gps: Entry[] = [];
  if (tags.latitude !== undefined && tags.longitude !== undefined) {
    gps.push(
      ascii(1, tags.latitude >= 0 ? 'N' : 'S'),
      degrees(2, Math.abs(tags.latitude)),
      ascii(3, tags.longitude >= 0 ? 'E' : 'W'),
      degrees(4, Math.abs(tags.longitude)),
    );
  }
  const ifd0: Entry[] = [];
  if (exif.length) ifd0.push({ tag: 0x8769, type: 4, count: 1, data: 0 });
  if (gps.length) ifd0.push({ tag: 0x8825, type: 4, count: 1, data: 0 });
  const size = (l: Entry[]) =>
    2 + l.length * 12 + 4 + l.reduce((n, e) => n + (typeof e.data !== 'number' && e.data.length > 4 ? e.data.length : 0), 0);
  const at0 = 8;
  const atExif = at0 + size(ifd0);
  const atGps = atExif + size(exif);
  for (const e of ifd0) e.data = e.tag === 0x8769 ? atExif : atGps;
  const write = (l: Entry[], at: number) => {
    const b = Buffer.alloc(size(l));
    u16(b, l.length, 0);
    let extra = 2 + l.length * 12 + 4;
    l.forEach((e, i) => {
      const p = 2 + i * 12;
      u16(b, e.tag, p);
      u16(b, e.type, p + 2);
      u32(b, e.count, p + 4);
      if (typeof e.data === 'number') u32(b, e.data, p + 8);
      else if (e.data.length <= 4) e.data.copy(b, p + 8);
      else {
        u32(b, at + extra, p + 8);
        e.data.copy(b, extra);
        extra += e.data.length;
      }
    });
    return b;
  };
  const header = Buffer.alloc(8);
  header.write(order, 0, 'latin1');
  u16(header, 42, 2);
  u32(header, at0, 4);
  return Buffer.concat([header, write(ifd0, at0), write(exif, atExif), write(gps, atGps)]);
}

/** A JPEG with an EXIF APP1 segment put right after its start-of-image marker. */
export function jpegWithExif(tags: ExifTags, order: 'II' | 'MM' = 'II', base: Buffer = plainJpeg()): Buffer {
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff(tags, order)]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([base.subarray(0, 2), app1, body, base.subarray(2)]);
}

/** The fixture JPEG with every metadata segment (APP1–APP15) removed: a real picture without EXIF. */
export function plainJpeg(): Buffer {
  const src = jpegWithExifFixture();
  const parts: Buffer[] = [src.subarray(0, 2)];
  let at = 2;
  while (at < src.length && src[at] === 0xff) {
    const marker = src[at + 1]!;
    if (marker === 0xda) break; // start of scan: the picture follows
    const length = src.readUInt16BE(at + 2);
    if (!(marker >= 0xe1 && marker <= 0xef)) parts.push(src.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  parts.push(src.subarray(at));
  return Buffer.concat(parts);
}
