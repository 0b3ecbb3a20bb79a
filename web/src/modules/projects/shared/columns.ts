/** The part of localStorage the column chooser needs (a stand-in in tests; absent when storage is disabled). */
export type ColumnStorage = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): ColumnStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The columns a user chose for a table, from storage: only keys the table still has, in the
 * table's order; the defaults when nothing (usable) was stored.
 */
export function loadColumns(
  key: string,
  all: readonly string[],
  defaults: readonly string[],
  store: ColumnStorage | undefined = storage(),
): string[] {
  let stored: unknown;
  try {
    stored = JSON.parse(store?.getItem(key) ?? 'null');
  } catch {
    stored = null;
  }
  if (!Array.isArray(stored)) return all.filter((column) => defaults.includes(column));
  const chosen = new Set(stored.filter((value): value is string => typeof value === 'string'));
  const result = all.filter((column) => chosen.has(column));
  return result.length > 0 ? result : all.filter((column) => defaults.includes(column));
}

/** Remember the chosen columns (silently not, when storage is disabled or full). */
export function saveColumns(key: string, chosen: readonly string[], store: ColumnStorage | undefined = storage()): void {
  try {
    store?.setItem(key, JSON.stringify(chosen));
  } catch {
    // Not persisted; the choice still holds until the page is left.
  }
}
