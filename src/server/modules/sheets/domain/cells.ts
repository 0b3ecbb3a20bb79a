import {
  IndustryCodeSchema,
  IsoDateSchema,
  type LabelSet,
  type MessageKey,
  MoneySchema,
  ProjectCodeSchema,
  codeFromLabel,
  isValidUscc,
  normalizeUscc,
} from '../../../../contracts/index.js';

/** A cell after normalisation: exceljs hands out rich text, formulas, hyperlinks and dates. */
export type Cell = string | number | boolean | Date | null;

export function normaliseCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return normaliseCell(v.richText.map((r) => r.text).join(''));
    if ('result' in v) return normaliseCell(v.result);
    if ('text' in v) return normaliseCell(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; key: MessageKey; params?: Record<string, string | number> };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (key: MessageKey, params?: Record<string, string | number>): Parsed<never> => ({
  ok: false,
  key,
  ...(params ? { params } : {}),
});

export function asText(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim() || null;
}

export function parseText(cell: Cell, max: number): Parsed<string | null> {
  const text = asText(cell);
  if (text !== null && [...text].length > max) return bad('validation.tooLong', { max });
  return ok(text);
}

/**
 * 万元 amount: a typed number or text. A number typed in Excel is a binary float; it is
 * rounded to the 4 decimals money keeps (one yuan), which is what the user saw.
 */
export function parseMoney(cell: Cell): Parsed<string | null> {
  if (cell === null) return ok(null);
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0 || cell >= 1e12) return bad('money.invalid');
    const fixed = cell.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
    return ok(fixed);
  }
  const text = String(cell).replace(/,/g, '').trim();
  const parsed = MoneySchema.safeParse(text);
  return parsed.success ? ok(parsed.data.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')) : bad('money.invalid');
}

/** A date cell (Excel stores a date as a day number; exceljs gives midnight UTC) or text 2022-03-01 / 2022/3/1. */
export function parseDate(cell: Cell): Parsed<string | null> {
  if (cell === null) return ok(null);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad('date.invalid');
    return ok(cell.toISOString().slice(0, 10));
  }
  const text = String(cell).trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
  return IsoDateSchema.safeParse(iso).success ? ok(iso) : bad('date.invalid');
}

export function parseCode(set: LabelSet, cell: Cell): Parsed<string | null> {
  const text = asText(cell);
  if (text === null) return ok(null);
  const code = codeFromLabel(set, text);
  return code === null ? bad('validation.invalidValue') : ok(code);
}

export function parseBoolean(cell: Cell): Parsed<boolean | null> {
  if (cell === null) return ok(null);
  if (typeof cell === 'boolean') return ok(cell);
  const code = codeFromLabel('boolean', String(cell));
  if (code !== null) return ok(code === 'true');
  const text = String(cell).trim().toLowerCase();
  if (['1', 'y', 'true', '√'].includes(text)) return ok(true);
  if (['0', 'n', 'false', '×'].includes(text)) return ok(false);
  return bad('validation.invalidValue');
}

export function parseUscc(cell: Cell): Parsed<string | null> {
  const text = asText(cell);
  if (text === null) return ok(null);
  const code = normalizeUscc(text);
  return isValidUscc(code) ? ok(code) : bad('uscc.invalid');
}

export function parseProjectCode(cell: Cell): Parsed<string | null> {
  const text = asText(cell);
  if (text === null) return ok(null);
  const parsed = ProjectCodeSchema.safeParse(text);
  return parsed.success ? ok(parsed.data) : bad('projectCode.invalid');
}

/** "26", "26 化学原料和化学制品制造业" or "C": the first token is the code. */
export function parseIndustry(cell: Cell): Parsed<string | null> {
  const text = asText(cell);
  if (text === null) return ok(null);
  const first = (typeof cell === 'number' ? String(cell).padStart(2, '0') : text.split(/[\s（(]/)[0]) ?? '';
  const parsed = IndustryCodeSchema.safeParse(first);
  return parsed.success ? ok(parsed.data) : bad('industry.invalid');
}

export function parseNumber(cell: Cell, min: number, max: number, integer = false): Parsed<number | null> {
  if (cell === null) return ok(null);
  const n = typeof cell === 'number' ? cell : Number(String(cell).trim());
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return bad('validation.invalidType');
  if (n < min) return bad('validation.tooSmall', { min });
  if (n > max) return bad('validation.tooBig', { max });
  return ok(n);
}

/** "珠晖区 [2]" (as the template lists it) → 2; a bare name → the name, resolved later. */
export function parseReference(cell: Cell): Parsed<{ id: number } | { name: string } | null> {
  const text = asText(cell);
  if (text === null) return ok(null);
  const m = /\[(\d+)\]\s*$/.exec(text);
  if (m) return ok({ id: Number(m[1]) });
  if (typeof cell === 'number' && Number.isInteger(cell)) return ok({ id: cell });
  return ok({ name: text });
}

/** A1-style address: column 1 → A, 27 → AA. */
export function cellAddress(column: number, row: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}
