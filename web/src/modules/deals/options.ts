import { CODE_LABELS, type Locale } from '../../../../src/contracts/index.js';

export const DEALS_KEY = ['deals'] as const;

/** Select options of a coded value set, named in the UI language (CODE_LABELS of the contracts). */
export function codeOptions(set: keyof typeof CODE_LABELS, codes: readonly string[], locale: Locale) {
  return codes.map((value) => ({ value, label: (CODE_LABELS[set] as Record<string, Record<Locale, string>>)[value]?.[locale] ?? value }));
}

/** Units that file deals (as the server decides: county-level units, parks, townships, platform companies). */
export const FILING_UNIT_KINDS: readonly string[] = ['district', 'county', 'county_level_city', 'park', 'township', 'platform_company'];
