import { IsoDateSchema, LETTER_KINDS, type LetterKind } from '../../../../src/contracts/index.js';

export interface LetterQuery {
  year: number;
  kind?: LetterKind;
  unitId?: number;
  /** Items are measured as of this date. */
  asOf: string;
}

/** The list's filters from the URL (so a letter's back link returns to them); today's year and date by default. */
export function letterQueryFromSearch(search: URLSearchParams, today: string): LetterQuery {
  const year = Number(search.get('year'));
  const kind = search.get('kind');
  const unitId = Number(search.get('unitId'));
  const asOf = search.get('asOf');
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : Number(today.slice(0, 4)),
    ...(kind && (LETTER_KINDS as readonly string[]).includes(kind) ? { kind: kind as LetterKind } : {}),
    ...(Number.isInteger(unitId) && unitId > 0 ? { unitId } : {}),
    asOf: asOf && IsoDateSchema.safeParse(asOf).success ? asOf : today,
  };
}

/** The URL of a query, leaving defaults out. */
export function letterSearchFromQuery(query: LetterQuery, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (String(query.year) !== today.slice(0, 4)) out.year = String(query.year);
  if (query.kind) out.kind = query.kind;
  if (query.unitId) out.unitId = String(query.unitId);
  if (query.asOf !== today) out.asOf = query.asOf;
  return out;
}
