/** Reporting months are 'yyyy-mm' in the API and the first day of the month in the database. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last day of a month (ISO date). */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Reports of a month are due on `dueDay` of the following month. */
export function dueDate(month: string, dueDay: number): string {
  return `${addMonths(month, 1)}-${String(dueDay).padStart(2, '0')}`;
}
