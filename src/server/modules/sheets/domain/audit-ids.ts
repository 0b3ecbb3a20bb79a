/** Up to this many ids are listed one by one in an import's audit record. */
export const LISTED_IDS = 1000;

/**
 * The ids an import created or changed, complete, for its one audit record: listed when
 * there are few (`<name>Ids`), else as inclusive [first, last] runs of consecutive ids
 * (`<name>IdRanges`; a large import's new ids are drawn at once, so they are a few runs). The
 * record stays small enough to read, hash and export (an Excel cell holds 32,767 characters).
 */
export function auditIds(name: string, ids: readonly number[]): Record<string, number[] | [number, number][]> {
  if (ids.length <= LISTED_IDS) return { [`${name}Ids`]: [...ids] };
  return { [`${name}IdRanges`]: idRanges(ids) };
}

export function idRanges(ids: readonly number[]): [number, number][] {
  const sorted = [...ids].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const id of sorted) {
    const last = ranges.at(-1);
    if (last && id <= last[1] + 1) last[1] = Math.max(last[1], id);
    else ranges.push([id, id]);
  }
  return ranges;
}
