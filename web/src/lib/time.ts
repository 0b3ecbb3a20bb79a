/** The city runs on Beijing time; audit times are shown in it whatever the browser's zone. */
export const CITY_TIME_ZONE = 'Asia/Shanghai';
/** China has had no daylight saving time since 1991: the offset is fixed. */
export const CITY_UTC_OFFSET = '+08:00';

const FORMATTER = new Intl.DateTimeFormat('en-CA', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2026-11-30 20:17:38` in Beijing time from an ISO instant; '' for no value, the input itself when unreadable. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = Object.fromEntries(FORMATTER.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** Only the date part, for short columns. */
export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/**
 * A wall-clock time the user picked (`YYYY-MM-DDTHH:mm:ss`, meant as Beijing time) as the ISO
 * date-time with offset the API wants (`…+08:00`). Null when the text is not such a time.
 */
export function cityWallTimeToIso(wallClock: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(wallClock) ? `${wallClock}${CITY_UTC_OFFSET}` : null;
}

/** Whole days, hours and minutes of a duration in seconds. */
export function splitDuration(totalSeconds: number): { d: number; h: number; m: number } {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  return { d: Math.floor(seconds / 86_400), h: Math.floor((seconds % 86_400) / 3_600), m: Math.floor((seconds % 3_600) / 60) };
}
