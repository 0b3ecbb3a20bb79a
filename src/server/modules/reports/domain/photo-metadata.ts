import exifr from 'exifr';

/** What a report photo keeps from its EXIF: when and where it was taken, when the camera said so. */
export interface PhotoMetadata {
  takenAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

const NONE: PhotoMetadata = { takenAt: null, latitude: null, longitude: null };

/** The city's civil time (no daylight saving since 1991): a camera time without an offset is read in it. */
const SHANGHAI_OFFSET = '+08:00';

/**
 * An EXIF date-time ('2026:02:15 10:30:00', sub-seconds and an offset tag optional) as an
 * instant. EXIF keeps local time without a zone unless OffsetTime* is written; the
 * photos of a Chinese city's sites are read as Shanghai time then. Blank, zeroed
 * ('0000:00:00 00:00:00') or impossible values are no time at all.
 */
export function exifInstant(value: unknown, offset: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m as unknown as [string, string, string, string, string, string, string];
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : SHANGHAI_OFFSET;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  if (Number.isNaN(date.getTime()) || Number(y) < 1990) return null;
  // Date() rolls 02-30 over into March; a real time reads back as written.
  const local = new Date(date.getTime() + zoneMinutes(zone) * 60_000).toISOString();
  return local.slice(0, 19) === `${y}-${mo}-${d}T${h}:${mi}:${s}` ? date : null;
}

function zoneMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/**
 * GPS degrees as kept (numeric(9,6)): finite, in range, rounded to 6 decimals (~0.1 m).
 * 0/0 is what many cameras write without a fix: no position.
 */
export function gpsPosition(latitude: unknown, longitude: unknown): { latitude: number; longitude: number } | null {
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  if (latitude === 0 && longitude === 0) return null;
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  return { latitude: round(latitude), longitude: round(longitude) };
}

/**
 * Read a JPEG's or PNG's EXIF (APP1 segment, PNG eXIf chunk) with exifr: the original
 * date-time (else the digitised one, else the file's), its offset, and the GPS position.
 * Values are taken raw (no reviving in the server's own time zone). A photo without EXIF,
 * or with a damaged one, is kept without time and place.
 */
export async function readPhotoMetadata(data: Buffer): Promise<PhotoMetadata> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(data, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      makerNote: false,
      userComment: false,
      reviveValues: false,
      translateValues: false,
      mergeOutput: true,
    });
  } catch {
    return NONE;
  }
  if (!tags) return NONE;
  const takenAt =
    exifInstant(tags.DateTimeOriginal, tags.OffsetTimeOriginal ?? tags.OffsetTime) ??
    exifInstant(tags.CreateDate, tags.OffsetTimeDigitized ?? tags.OffsetTime) ??
    exifInstant(tags.ModifyDate, tags.OffsetTime);
  const position = gpsPosition(tags.latitude, tags.longitude);
  return { takenAt, latitude: position?.latitude ?? null, longitude: position?.longitude ?? null };
}
