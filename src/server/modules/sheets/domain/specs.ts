import type { LabelSet, Locale, MessageKey } from '../../../../contracts/index.js';
import {
  type Cell,
  type Parsed,
  cellAddress,
  parseBoolean,
  parseCode,
  parseDate,
  parseIndustry,
  parseMoney,
  parseNumber,
  parseProjectCode,
  parseReference,
  parseText,
  parseUscc,
} from './cells.js';

/** Where a column's drop-down list comes from (filled in by the template builder). */
export type ListSource = LabelSet | 'units' | 'parks' | 'industries' | 'chains' | 'sources' | 'leaders' | 'departments';

export interface ColumnSpec {
  key: string;
  header: Record<Locale, string>;
  required?: boolean;
  width?: number;
  list?: ListSource;
  /**
   * How the template shades the header: 'input' — a column to fill (like a required one,
   * though its cells may stay blank); 'info' — for reference, prefilled and ignored on import.
   */
  shade?: 'input' | 'info';
  parse: (cell: Cell) => Parsed<unknown>;
}

const text = (max: number) => (cell: Cell) => parseText(cell, max);
const col = (key: string, zh: string, en: string, parse: ColumnSpec['parse'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header: { 'zh-CN': zh, 'en-US': en },
  parse,
  width: 14,
  ...extra,
});

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * A coordinate, rounded to the 6 decimals the database keeps (numeric(9,6)): what is compared
 * on the next import is what was stored, so importing the same file again changes nothing.
 */
const coordinate = (min: number, max: number) => (cell: Cell) => {
  const parsed = parseNumber(cell, min, max);
  return parsed.ok && parsed.value !== null ? { ok: true as const, value: Number(parsed.value.toFixed(6)) } : parsed;
};

/** 项目库 import/export columns, in sheet order. */
export const PROJECT_COLUMNS: readonly ColumnSpec[] = [
  col('code', '项目代码', 'Project code', parseProjectCode, { width: 26 }),
  col('name', '项目名称', 'Project name', text(200), { required: true, width: 32 }),
  col('ownerUscc', '业主统一社会信用代码', 'Owner credit code', parseUscc, { width: 22 }),
  col('ownerName', '业主名称', 'Owner name', text(100), { width: 26 }),
  col('unit', '所属单位', 'Unit', parseReference, { required: true, list: 'units', width: 22 }),
  col('park', '所在园区', 'Park', parseReference, { list: 'parks', width: 24 }),
  col('industryCode', '行业（GB/T 4754）', 'Industry (GB/T 4754)', parseIndustry, { required: true, list: 'industries', width: 30 }),
  col('industryChain', '产业链', 'Industry chain', text(60), { list: 'chains' }),
  col('category', '项目类别', 'Category', (c) => parseCode('projectCategory', c), { required: true, list: 'projectCategory' }),
  col('level', '项目级别', 'Level', (c) => parseCode('projectLevel', c), { required: true, list: 'projectLevel' }),
  col('kind', '建设性质', 'Kind', (c) => parseCode('projectKind', c), { required: true, list: 'projectKind' }),
  col('totalInvestment', '总投资（万元）', 'Total investment (10k yuan)', parseMoney, { required: true }),
  col('plannedStartOn', '计划开工日期', 'Planned start', parseDate),
  col('plannedEndOn', '计划竣工日期', 'Planned end', parseDate),
  col('longitude', '经度', 'Longitude', coordinate(-180, 180)),
  col('latitude', '纬度', 'Latitude', coordinate(-90, 90)),
  col('leader', '联系市领导', 'Liaison leader', parseReference, { list: 'leaders' }),
  col('responsibleUnit', '责任单位', 'Responsible unit', parseReference, { list: 'departments', width: 24 }),
  col('description', '项目简介', 'Description', text(4000), { width: 40 }),
  col('startPlanned', '开工（计划）', 'Start (planned)', parseDate),
  col('startActual', '开工（实际）', 'Start (actual)', parseDate),
  col('completionPlanned', '竣工（计划）', 'Completion (planned)', parseDate),
  col('completionActual', '竣工（实际）', 'Completion (actual)', parseDate),
  col('productionPlanned', '投产（计划）', 'Production (planned)', parseDate),
  col('productionActual', '投产（实际）', 'Production (actual)', parseDate),
  col('planYear', '计划年度', 'Plan year', (c) => parseNumber(c, 2000, 2100, true)),
  col('planInvestment', '年度计划投资（万元）', 'Annual plan (10k yuan)', parseMoney),
  ...MONTHS.map((m) => col(`month${m}`, `${m}月计划（万元）`, `Month ${m} (10k yuan)`, parseMoney, { width: 12 })),
];

/** 招商项目 import/export columns, in sheet order. */
export const DEAL_COLUMNS: readonly ColumnSpec[] = [
  col('unit', '备案单位', 'Filing unit', parseReference, { required: true, list: 'units', width: 22 }),
  col('projectName', '项目名称', 'Project name', text(200), { required: true, width: 30 }),
  col('investorName', '投资方名称', 'Investor', text(100), { required: true, width: 26 }),
  col('investorUscc', '投资方统一社会信用代码', 'Investor credit code', parseUscc, { width: 22 }),
  col('kind', '签约类型', 'Kind', (c) => parseCode('dealKind', c), { list: 'dealKind' }),
  col('predecessorDealId', '原签约项目编号', 'Original deal no.', (c) => parseNumber(c, 1, Number.MAX_SAFE_INTEGER, true)),
  col('contractedAmount', '合同投资额（万元）', 'Contracted (10k yuan)', parseMoney, { required: true }),
  col('industryCode', '行业（GB/T 4754）', 'Industry (GB/T 4754)', parseIndustry, { required: true, list: 'industries', width: 30 }),
  col('source', '项目来源', 'Source', text(60), { required: true, list: 'sources' }),
  col('signedOn', '签约日期', 'Signed on', parseDate, { required: true }),
  col('registrationDeadline', '注册期限', 'Registration deadline', parseDate),
  col('startDeadline', '开工期限', 'Start deadline', parseDate),
  col('productionDeadline', '投产期限', 'Production deadline', parseDate),
  col('isHighTech', '高新技术企业', 'High-tech', parseBoolean, { list: 'boolean' }),
  col('isStrategicEmerging', '战略性新兴产业', 'Strategic emerging', parseBoolean, { list: 'boolean' }),
  col('plannedRdAmount', '计划研发投入（万元）', 'Planned R&D (10k yuan)', parseMoney),
  col('plannedEnergyTce', '计划年能耗（吨标煤）', 'Planned energy (tce)', parseMoney),
  col('plannedAnnualOutput', '预计年产值（万元）', 'Planned output (10k yuan)', parseMoney),
  col('expectedAnnualTax', '预计年税收（万元）', 'Expected tax (10k yuan)', parseMoney),
  col('landAreaMu', '用地面积（亩）', 'Land (mu)', parseMoney),
  col('note', '备注', 'Note', text(2000), { width: 30 }),
];

export interface CellProblem {
  row: number;
  column: number;
  cell: string;
  header: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ParsedRow {
  /** 1-based sheet row. */
  row: number;
  values: Record<string, unknown>;
}

/**
 * Map the header row to columns (by either language's header, in any order) and report
 * required columns that are missing.
 */
export function matchHeaders(specs: readonly ColumnSpec[], headerCells: Cell[]): { positions: Map<string, number>; missing: ColumnSpec[] } {
  const positions = new Map<string, number>();
  headerCells.forEach((cell, index) => {
    if (cell === null) return;
    const name = String(cell)
      .replace(/\s*\*$/, '')
      .trim();
    const spec = specs.find((s) => s.header['zh-CN'] === name || s.header['en-US'] === name || s.key === name);
    if (spec && !positions.has(spec.key)) positions.set(spec.key, index + 1);
  });
  return { positions, missing: specs.filter((s) => s.required && !positions.has(s.key)) };
}

/** Parse one data row; every problem is reported with its cell address. */
export function parseRow(
  specs: readonly ColumnSpec[],
  positions: Map<string, number>,
  row: number,
  cells: Cell[],
  locale: Locale,
): { parsed: ParsedRow; problems: CellProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: CellProblem[] = [];
  for (const spec of specs) {
    const column = positions.get(spec.key);
    if (column === undefined) continue;
    const cell = cells[column - 1] ?? null;
    // Only a problem needs its address (most cells of a large file have none).
    const where = () => ({ row, column, cell: cellAddress(column, row), header: spec.header[locale] });
    if (cell === null) {
      if (spec.required) problems.push({ ...where(), key: 'validation.required' });
      values[spec.key] = null;
      continue;
    }
    const result = spec.parse(cell);
    if (result.ok) values[spec.key] = result.value;
    else problems.push({ ...where(), key: result.key, ...(result.params ? { params: result.params } : {}) });
  }
  return { parsed: { row, values }, problems };
}

export function isBlankRow(cells: Cell[]): boolean {
  return cells.every((c) => c === null);
}
