import { describe, expect, it } from 'vitest';
import { jpegWithExif, jpegWithExifFixture, plainJpeg, pngFixture } from '../../../../test/photos.js';
import { exifInstant, gpsPosition, readPhotoMetadata } from './photo-metadata.js';

describe(exifInstant.name, () => {
  it('reads camera time as Shanghai time unless the photo states its offset', () => {
    expect(exifInstant('2026:02:15 10:30:00', undefined)?.toISOString()).toBe('2026-02-15T02:30:00.000Z');
    expect(exifInstant('2026:02:15 10:30:00', '+09:00')?.toISOString()).toBe('2026-02-15T01:30:00.000Z');
    expect(exifInstant('2026:02:15 10:30:00', '-05:00')?.toISOString()).toBe('2026-02-15T15:30:00.000Z');
    expect(exifInstant('2026-02-15 10:30:00.123', 'junk')?.toISOString()).toBe('2026-02-15T02:30:00.000Z');
  });

  it('has no time for blank, zeroed or impossible values', () => {
    for (const value of [undefined, '', '0000:00:00 00:00:00', '2026:02:30 10:00:00', '2026:13:01 00:00:00', '1970:01:01 00:00:00', 42]) {
      expect(exifInstant(value, undefined)).toBeNull();
    }
  });
});

describe(gpsPosition.name, () => {
  it('keeps finite in-range degrees to 6 decimals; 0/0 (no fix) and junk are no position', () => {
    expect(gpsPosition(26.8936111111, 112.5719444444)).toEqual({ latitude: 26.893611, longitude: 112.571944 });
    expect(gpsPosition(0, 0)).toBeNull();
    expect(gpsPosition(91, 10)).toBeNull();
    expect(gpsPosition(10, -181)).toBeNull();
    expect(gpsPosition(Number.NaN, 10)).toBeNull();
    expect(gpsPosition('26.9', 112)).toBeNull();
  });
});

describe(readPhotoMetadata.name, () => {
  it('reads what exiftool wrote into a real JPEG', async () => {
    const m = await readPhotoMetadata(jpegWithExifFixture());
    expect(m.takenAt?.toISOString()).toBe('2026-02-20T01:15:30.000Z');
    expect(m).toMatchObject({ latitude: 26.893611, longitude: 112.571944 });
  });

  it('reads both byte orders, south and west', async () => {
    for (const order of ['II', 'MM'] as const) {
      const m = await readPhotoMetadata(
        jpegWithExif(
          { dateTimeOriginal: '2025:12:31 23:59:59', offsetTimeOriginal: '-03:00', latitude: -22.9068, longitude: -43.1729 },
          order,
        ),
      );
      expect(m.takenAt?.toISOString()).toBe('2026-01-01T02:59:59.000Z');
      expect(m).toMatchObject({ latitude: -22.9068, longitude: -43.1729 });
    }
  });

  it('keeps nothing from a photo without EXIF, a PNG without eXIf, a damaged segment or junk', async () => {
    const none = { takenAt: null, latitude: null, longitude: null };
    expect(await readPhotoMetadata(plainJpeg())).toEqual(none);
    expect(await readPhotoMetadata(pngFixture())).toEqual(none);
    const damaged = jpegWithExif({ dateTimeOriginal: '2026:02:15 10:30:00' });
    damaged.fill(0xee, 12, 40); // the TIFF header and IFD0 overwritten
    expect(await readPhotoMetadata(damaged)).toEqual(none);
    expect(await readPhotoMetadata(Buffer.from('not an image at all'))).toEqual(none);
  });
});
