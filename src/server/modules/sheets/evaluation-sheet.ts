import { EVALUATION_DATA_FIELDS, type EvaluationDataField, FIELD_INFO, type Locale } from '../../../contracts/index.js';
import type { Executor, Tx } from '../../db/pool.js';
import type { RequestContext, Scope } from '../../lib/context.js';
import { type ImportedValues, importValuesInTx } from '../evaluation/index.js';
import { enterprisesByUscc } from '../org/index.js';
import { type Cell, type Parsed, cellAddress, parseNumber, parseText, parseUscc } from './domain/cells.js';
import type { CellProblem, ColumnSpec, ListSource, ParsedRow } from './domain/specs.js';

/**
 * 评价数据 (a department's annual evaluation data): one row per enterprise and year, one
 * column per field in its fixed unit. A department fills the columns it owns and leaves the
 * others empty. A cell may carry its unit ("1200 万元"); another unit is refused, never converted.
 */
function parseQuantity(field: EvaluationDataField) {
  const { unit, unitEn } = FIELD_INFO[field];
  return (cell: Cell): Parsed<string | null> => {
    if (cell === null) return { ok: true, value: null };
    let text: string;
    if (typeof cell === 'number') {
      if (!Number.isFinite(cell)) return { ok: false, key: 'evaluation.decimal' };
      if (cell < 0) return { ok: false, key: 'evaluation.negative' };
      text = cell.toFixed(4);
    } else {
      const m = /^(-?[\d,]*\.?\d+)\s*(.*)$/.exec(String(cell).trim());
      if (!m) return { ok: false, key: 'evaluation.decimal' };
      const suffix = m[2]!.trim();
      if (suffix && suffix !== unit && suffix.toLowerCase() !== unitEn.toLowerCase())
        return { ok: false, key: 'evaluation.wrongUnit', params: { unit } };
      text = m[1]!.replace(/,/g, '');
      if (text.startsWith('-')) return { ok: false, key: 'evaluation.negative' };
      if (!/^\d{1,14}(\.\d{1,4})?$/.test(text)) return { ok: false, key: 'evaluation.decimal' };
    }
    if (Number(text) >= 1e14) return { ok: false, key: 'evaluation.decimal' };
    return { ok: true, value: text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text };
  };
}

export const EVALUATION_DATA_COLUMNS: readonly ColumnSpec[] = [
  { key: 'uscc', header: { 'zh-CN': '统一社会信用代码', 'en-US': 'Credit code' }, required: true, width: 22, parse: parseUscc },
  { key: 'name', header: { 'zh-CN': '企业名称', 'en-US': 'Enterprise' }, width: 28, parse: (c) => parseText(c, 100) },
  { key: 'year', header: { 'zh-CN': '年度', 'en-US': 'Year' }, required: true, width: 8, parse: (c) => parseNumber(c, 2000, 2100, true) },
  ...EVALUATION_DATA_FIELDS.map(
    (field): ColumnSpec => ({
      key: field,
      header: {
        'zh-CN': `${FIELD_INFO[field].nameZh}（${FIELD_INFO[field].unit}）`,
        'en-US': `${FIELD_INFO[field].nameEn} (${FIELD_INFO[field].unitEn})`,
      },
      width: 18,
      parse: parseQuantity(field),
    }),
  ),
];

export const EVALUATION_DATA_INSTRUCTIONS: Record<Locale, string[]> = {
  'zh-CN': [
    '亩均效益评价数据导入模板（按部门报送）',
    '1. 每行一家企业一个年度；统一社会信用代码须为本市企业库中的企业。',
    '2. 只填写本部门负责的指标列，其余留空；数值不能为负，最多 4 位小数，单位以列名为准（可写“1200 万元”，其他单位不被接受）。',
    '3. 同一企业同一年度只能出现一行。',
    '4. 导入是整体的：任何一行有错，整批都不写入，并给出带错误标注的工作簿。',
    '5. 每个数值记录来源部门、文件和导入时间；与其他部门报送的数值不一致时会被标记，由市重点办处理。',
    '6. 也可上传 CSV（UTF-8 或 GBK 编码），列名与本模板相同。',
  ],
  'en-US': [
    'Per-mu evaluation data import template (one department at a time)',
    '1. One row per enterprise and year; the credit code must be an enterprise of the city.',
    '2. Fill in the columns your department owns and leave the others empty; values are not negative, at most 4 decimals, in the unit of the header ("1200 万元" is accepted, other units are not).',
    '3. An enterprise and year may appear only once.',
    '4. All or nothing: if any row is wrong nothing is written, and an annotated workbook lists every problem.',
    '5. Every value keeps its source department, file and import time; values that differ from another department’s are flagged for the city operator.',
    '6. A CSV (UTF-8 or GBK) with the same headers is accepted too.',
  ],
};

export async function evaluationReferences(db: Executor, scope: Scope) {
  return { enterprises: await enterprisesByUscc(db, scope.cityCode) };
}
export type EvaluationReferences = Awaited<ReturnType<typeof evaluationReferences>>;

export function evaluationTemplateLists(): Partial<Record<ListSource, string[]>> {
  return {};
}

export async function resolveEvaluationRows(
  _db: Executor,
  _scope: Scope,
  refs: EvaluationReferences,
  rows: readonly ParsedRow[],
  positions: Map<string, number>,
  locale: Locale,
): Promise<{ items: ImportedValues[]; problems: CellProblem[] }> {
  const items: ImportedValues[] = [];
  const problems: CellProblem[] = [];
  const seen = new Map<string, number>();
  const at = (row: number, key: string) => {
    const column = positions.get(key) ?? 1;
    return {
      row,
      column,
      cell: cellAddress(column, row),
      header: EVALUATION_DATA_COLUMNS.find((c) => c.key === key)?.header[locale] ?? key,
    };
  };
  for (const { row, values: v } of rows) {
    const enterprise = refs.enterprises.get(v.uscc as string);
    if (!enterprise) {
      problems.push({ ...at(row, 'uscc'), key: 'evaluation.unknownEnterprise' });
      continue;
    }
    const values: Partial<Record<EvaluationDataField, string>> = {};
    for (const field of EVALUATION_DATA_FIELDS) if (v[field] !== null && v[field] !== undefined) values[field] = v[field] as string;
    if (!Object.keys(values).length) {
      problems.push({ ...at(row, 'uscc'), column: 0, cell: '', key: 'evaluation.noValues' });
      continue;
    }
    const key = `${enterprise.id}|${v.year}`;
    const first = seen.get(key);
    if (first) {
      problems.push({ ...at(row, 'uscc'), key: 'sheet.duplicateInFile', params: { row: first } });
      continue;
    }
    seen.set(key, row);
    items.push({ row, enterpriseId: enterprise.id, year: v.year as number, values });
  }
  return { items, problems };
}

export async function writeEvaluationRows(
  tx: Tx,
  ctx: RequestContext,
  items: readonly ImportedValues[],
  onProgress: (done: number) => Promise<void>,
  job: { id: number; filename: string },
) {
  return await importValuesInTx(tx, ctx, items, job, onProgress);
}
