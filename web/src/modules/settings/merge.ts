/**
 * The settings to send: what was loaded, with the edited parts on top. Sections this page does
 * not show (added by other modules, e.g. the reporting rhythm) go back unchanged, and a
 * section shown in part keeps its other keys. Lists replace the stored ones.
 */
export function mergeSettings<T extends Record<string, unknown>>(stored: T, edited: Partial<T>): T {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(edited)) {
    if (value === undefined) continue;
    const before = stored[key];
    const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    merged[key] = isPlain(before) && isPlain(value) ? { ...before, ...value } : value;
  }
  return merged as T;
}
