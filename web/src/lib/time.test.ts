import { describe, expect, it } from 'vitest';
import { cityWallTimeToIso, formatDate, formatDateTime, splitDuration } from './time';

describe(formatDateTime.name, () => {
  it('shows instants in Beijing time whatever the zone of the input', () => {
    expect(formatDateTime('2026-11-30T12:17:38.205Z')).toBe('2026-11-30 20:17:38');
    expect(formatDateTime('2026-11-30T23:30:00+08:00')).toBe('2026-11-30 23:30:00');
    expect(formatDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00:00');
  });

  it('is empty for no value and leaves unreadable input as it is', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('yesterday')).toBe('yesterday');
  });

  it('has a date-only form', () => {
    expect(formatDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });
});

describe(cityWallTimeToIso.name, () => {
  it('reads a picked wall-clock time as Beijing time', () => {
    expect(cityWallTimeToIso('2026-11-30T08:00:00')).toBe('2026-11-30T08:00:00+08:00');
    expect(new Date(cityWallTimeToIso('2026-11-30T08:00:00')!).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('refuses anything else', () => {
    expect(cityWallTimeToIso('2026-11-30')).toBeNull();
    expect(cityWallTimeToIso('2026-11-30T08:00:00Z')).toBeNull();
  });
});

describe(splitDuration.name, () => {
  it('splits seconds into days, hours and minutes', () => {
    expect(splitDuration(0)).toEqual({ d: 0, h: 0, m: 0 });
    expect(splitDuration(90_061.9)).toEqual({ d: 1, h: 1, m: 1 });
    expect(splitDuration(-5)).toEqual({ d: 0, h: 0, m: 0 });
  });
});
