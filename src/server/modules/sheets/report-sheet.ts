import { type Locale, type Month, MonthSchema, type ReportGrid, codeLabel } from '../../../contracts/index.js';
import type { Executor, Tx } from '../../db/pool.js';
import type { RequestContext, Scope } from '../../lib/context.js';
import { projectsReportingIn } from '../projects/index.js';
import { type ReportSubmission, checkReportSubmission, monthEnd, monthStart, saveReports } from '../reports/index.js';
import { type Cell, type Parsed, cellAddress, parseMoney, parseNumber, parseText } from './domain/cells.js';
import type { CellProblem, ColumnSpec, ListSource, ParsedRow } from './domain/specs.js';

/**
 * 月报 (a month's monthly reports) as a sheet: the unit's reporting projects of the month
 * prefilled, one row each; the unit types the month's figure (and the texts) and imports the
 * file. Rows go through the grid's own checks (reports' checkReportSubmission /
 * saveReports), all or nothing; the export of the month is the same sheet, so it
 * re-imports as it is (and changes nothing).
 */
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const ignored = (): Parsed<null> => ok(null);

/** 2026-01, 2026/1, 2026年1月, or a date cell (Excel turns a typed 2026-01 into 2026-01-01). */
export function parseMonth(cell: Cell): Parsed<Month | null> {
  if (cell === null) return ok(null);
  let month: string | null = null;
  if (cell instanceof Date) {
    if (!Number.isNaN(cell.getTime())) month = cell.toISOString().slice(0, 7);
  } else {
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(String(cell).trim());
    if (m) month = `${m[1]}-${m[2]!.padStart(2, '0')}`;
  }
  return month && MonthSchema.safeParse(month).success ? ok(month) : { ok: false, key: 'report.sheetMonth' };
}

const column = (key: string, zh: string, en: string, parse: ColumnSpec['parse'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header: { 'zh-CN': zh, 'en-US': en },
  parse,
  width: 14,
  ...extra,
});

/** 月报 import/export columns, in sheet order. */
export const REPORT_COLUMNS: readonly ColumnSpec[] = [
  column('month', '月份', 'Month', parseMonth, { required: true, width: 10 }),
  column('projectId', '项目编号', 'Project no.', (c) => parseNumber(c, 1, Number.MAX_SAFE_INTEGER, true), { width: 10, shade: 'info' }),
  column('code', '项目代码', 'Project code', (c) => parseText(c, 40), { width: 26, shade: 'info' }),
  column('projectName', '项目名称', 'Project name', ignored, { width: 32, shade: 'info' }),
  column('unit', '所属单位', 'Unit', ignored, { width: 16, shade: 'info' }),
  column('plannedThisMonth', '本月计划投资（万元）', 'Planned this month (10k yuan)', ignored, { width: 16, shade: 'info' }),
  column('cumulativeBefore', '截至上月累计完成（万元）', 'Cumulative before (10k yuan)', ignored, { width: 18, shade: 'info' }),
  column('investment', '本月完成投资（万元）', 'Investment this month (10k yuan)', parseMoney, { width: 18, shade: 'input' }),
  column('progressText', '形象进度', 'Progress', (c) => parseText(c, 1000), { width: 40 }),
  column('problemsText', '存在问题', 'Problems met', (c) => parseText(c, 1000), { width: 30 }),
  column('explanation', '情况说明', 'Explanation', (c) => parseText(c, 500), { width: 30 }),
  column('correctionReason', '更正原因（锁定后修改必填）', 'Correction reason (after the lock)', (c) => parseText(c, 500), { width: 24 }),
  column('baseVersion', '版本', 'Version', (c) => parseNumber(c, 0, 1_000_000, true), { width: 8, shade: 'info' }),
];

/** Columns the export adds after the import columns (ignored when the file is imported again). */
export const REPORT_EXPORT_EXTRAS = [
  { header: { 'zh-CN': '状态', 'en-US': 'Status' } },
  { header: { 'zh-CN': '退回原因', 'en-US': 'Returned because' }, width: 24 },
  { header: { 'zh-CN': '项目总投资（万元）', 'en-US': 'Total investment (10k yuan)' }, width: 16 },
  { header: { 'zh-CN': '本年此前累计（万元）', 'en-US': 'Year to date before (10k yuan)' }, width: 16 },
  { header: { 'zh-CN': '照片数', 'en-US': 'Photos' }, width: 8 },
] as const;

export const REPORT_INSTRUCTIONS: Record<Locale, string[]> = {
  'zh-CN': [
    '月报导入模板（一个文件填报一个月份）',
    '1. 模板已列出本单位本月应填报的全部项目；灰色列（项目编号、代码、名称、单位、本月计划、截至上月累计、版本）仅供参考，请勿修改。',
    '2. 黄色列"本月完成投资（万元）"是每个项目唯一必须填写的数字，不能为负，最多 4 位小数；年内累计和开工以来累计由系统计算，无需填写。',
    '3. 本次不填报的项目，整行留空"本月完成投资"及其后各列即可，不会改动已有数据。',
    '4. 触发提示（环比突增、未开工却有投资、与本月计划相差较大）时须在"情况说明"中写明原因；累计完成超过项目总投资的不能导入。',
    '5. 该月锁定后，修改的行须填写"更正原因"，系统保存为更正版本，原数据保留在历史中。',
    '6. 导入是整体的：任何一行有错，整批都不写入，并给出带错误标注的工作簿；同一文件重复导入不会产生任何变化。',
  ],
  'en-US': [
    'Monthly report import template (one month per file)',
    '1. Every project of your unit that reports this month is listed; the grey columns (number, code, name, unit, plan, cumulative before, version) are for reference: leave them as they are.',
    '2. The yellow column "Investment this month (10k yuan)" is the one figure each project needs: not negative, at most 4 decimals. Year-to-date and cumulative figures are derived.',
    '3. Leave "Investment this month" and the columns after it blank for a project you do not report now: nothing of it changes.',
    '4. A figure that raises a check (a jump over last month, investment before the start, far from the plan) needs an explanation; a cumulative figure above the total investment is refused.',
    '5. Once the month is locked, a changed row needs a correction reason and is kept as a correction; the earlier figures stay in the history.',
    '6. All or nothing: if any row is wrong nothing is written and an annotated workbook marks every problem; importing the same file again changes nothing.',
  ],
};

export async function reportReferences(): Promise<Record<string, never>> {
  return {};
}

export function reportTemplateLists(): Partial<Record<ListSource, string[]>> {
  return {};
}

/** One row of a month's sheet (template, export) from the grid. */
export function reportSheetRow(grid: ReportGrid, r: ReportGrid['rows'][number]): Cell[] {
  return [
    grid.month,
    r.projectId,
    r.projectCode,
    r.projectName,
    r.unitName,
    r.plannedThisMonth === null ? null : Number(r.plannedThisMonth),
    Number(r.cumulativeBefore),
    r.investment === null ? null : Number(r.investment),
    r.progressText,
    r.problemsText,
    r.explanation,
    null,
    r.version,
  ];
}

export function reportExportExtras(r: ReportGrid['rows'][number], locale: Locale): Cell[] {
  return [codeLabel('reportStatus', r.status, locale), r.returnReason, Number(r.totalInvestment), Number(r.ytdBefore), r.photoCount];
}

export interface ResolvedReportRow {
  row: number;
  month: Month;
  input: ReportSubmission['rows'][number];
}

/** The columns a filled row is made of: blank in all of them, the row is left out. */
const FILLED = ['investment', 'progressText', 'problemsText', 'explanation', 'correctionReason'] as const;
/** Where the grid's checks point (`rows.<i>.<field>`) in the sheet. */
const FIELD_COLUMN: Record<string, string> = {
  projectId: 'projectId',
  investment: 'investment',
  explanation: 'explanation',
  correctionReason: 'correctionReason',
  progressText: 'progressText',
  problemsText: 'problemsText',
};

/**
 * Turn the month's rows into a submission and run the grid's checks on it, reporting each
 * problem at its cell: one month per file, each row naming a project the importer reports
 * for this month (by number, else by code; both must agree), once.
 */
export async function resolveReportRows(
  db: Executor,
  scope: Scope,
  _refs: unknown,
  rows: readonly ParsedRow[],
  positions: Map<string, number>,
  locale: Locale,
  today: string,
): Promise<{ items: ResolvedReportRow[]; problems: CellProblem[] }> {
  const problems: CellProblem[] = [];
  const at = (row: number, key: string) => {
    const spec = REPORT_COLUMNS.find((c) => c.key === key);
    const col = positions.get(key) ?? 0;
    return { row, column: col, cell: col ? cellAddress(col, row) : '', header: spec?.header[locale] ?? key };
  };
  if (!positions.has('investment')) {
    const header = REPORT_COLUMNS.find((c) => c.key === 'investment')!.header[locale];
    return { items: [], problems: [{ row: 1, column: 0, cell: '', header: '', key: 'sheet.missingColumns', params: { columns: header } }] };
  }
  const month = rows.find((r) => r.values.month)?.values.month as Month | undefined;
  if (!month) return { items: [], problems: [{ ...at(rows[0]?.row ?? 2, 'month'), key: 'validation.required' }] };
  const projects = await projectsReportingIn(db, scope, { start: monthStart(month), end: monthEnd(month) });
  const byId = new Map(projects.map((p) => [p.id, p]));
  const byCode = new Map(projects.filter((p) => p.code).map((p) => [p.code!, p]));

  const items: ResolvedReportRow[] = [];
  const firstRowOf = new Map<number, number>();
  for (const { row, values: v } of rows) {
    if (v.month !== month) {
      problems.push({ ...at(row, 'month'), key: 'report.sheetMonthMixed', params: { month } });
      continue;
    }
    if (FILLED.every((key) => v[key] === null || v[key] === undefined)) continue;
    if (v.investment === null || v.investment === undefined) {
      problems.push({ ...at(row, 'investment'), key: 'validation.required' });
      continue;
    }
    const id = (v.projectId as number | null | undefined) ?? null;
    const code = (v.code as string | null | undefined) ?? null;
    let projectId: number;
    if (id !== null) {
      const project = byId.get(id);
      if (project && code && project.code && code !== project.code) {
        problems.push({ ...at(row, 'code'), key: 'report.sheetProjectMismatch' });
        continue;
      }
      projectId = id;
    } else if (code) {
      const project = byCode.get(code);
      if (!project) {
        problems.push({ ...at(row, 'code'), key: 'validation.referenceNotFound' });
        continue;
      }
      projectId = project.id;
    } else {
      problems.push({ ...at(row, positions.has('projectId') ? 'projectId' : 'code'), key: 'report.sheetProjectRequired' });
      continue;
    }
    const first = firstRowOf.get(projectId);
    if (first) {
      problems.push({ ...at(row, id !== null ? 'projectId' : 'code'), key: 'sheet.duplicateInFile', params: { row: first } });
      continue;
    }
    firstRowOf.set(projectId, row);
    items.push({
      row,
      month,
      input: {
        projectId,
        investment: v.investment as string,
        progressText: (v.progressText as string | null) ?? null,
        problemsText: (v.problemsText as string | null) ?? null,
        explanation: (v.explanation as string | null) ?? null,
        correctionReason: (v.correctionReason as string | null) ?? null,
        baseVersion: (v.baseVersion as number | null | undefined) ?? null,
      },
    });
  }
  if (!items.length && !problems.length) {
    problems.push({ ...at(rows[0]?.row ?? 2, 'investment'), key: 'report.sheetNothingFilled' });
  }
  if (!items.length) return { items, problems };

  // The grid's checks, on every row that got this far, each problem at its cell (the row when the column is absent).
  const target = (field: string) => {
    const key = FIELD_COLUMN[field] ?? 'investment';
    return key === 'projectId' && !positions.has(key) ? 'code' : key;
  };
  const checked = await checkReportSubmission(db, scope, today, { month, rows: items.map((i) => i.input) }, 'row');
  for (const p of checked.problems) {
    const m = /^rows\.(\d+)\.(\w+)$/.exec(p.path);
    const item = m ? items[Number(m[1])] : undefined;
    const where = item ? at(item.row, target(m![2]!)) : at(items[0]!.row, 'month');
    problems.push({ ...where, key: p.key, ...(p.params ? { params: p.params } : {}) });
  }
  return { items: problems.length ? [] : items, problems };
}

/** Write a checked month in the import's transaction, through the grid's own save (checks run again there). */
export async function writeReportRows(
  tx: Tx,
  ctx: RequestContext,
  items: readonly ResolvedReportRow[],
  onProgress: (done: number) => Promise<void>,
  job: { id: number },
) {
  const month = items[0]!.month;
  const result = await saveReports(tx, ctx, { month, rows: items.map((i) => i.input) }, 'row', { importJobId: job.id });
  await onProgress(items.length);
  return { created: result.firstVersions, updated: result.laterVersions, unchanged: result.unchangedProjects };
}
