import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  Action,
  DealListQuery,
  ImportJob,
  ImportKind,
  Locale,
  MessageKey,
  Month,
  ProjectListQuery,
} from '../../../contracts/index.js';
import { ReportGridQuerySchema, codeLabel, shanghaiDate, translate } from '../../../contracts/index.js';
import type { Db, Executor, Tx } from '../../db/pool.js';
import { type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, notFound } from '../../lib/domain-error.js';
import { appendAudit, recordAuditEvent } from '../audit/index.js';
import { readFile, storeFile } from '../files/index.js';
import { dealsForExport } from '../deals/index.js';
import { projectsForExport } from '../projects/index.js';
import { reportGrid } from '../reports/index.js';
import { registrySettings } from '../settings/index.js';
import { dealExportRow, dealReferences, dealTemplateLists, resolveDealRows, writeDealRows } from './deal-sheet.js';
import { auditIds } from './domain/audit-ids.js';
import { decodeCsv, looksLikeText, parseCsv } from './domain/csv.js';
import { inspectXlsx } from './domain/zip-guard.js';
import {
  EVALUATION_DATA_COLUMNS,
  EVALUATION_DATA_INSTRUCTIONS,
  evaluationReferences,
  evaluationTemplateLists,
  resolveEvaluationRows,
  writeEvaluationRows,
} from './evaluation-sheet.js';
import {
  type CellProblem,
  type ColumnSpec,
  DEAL_COLUMNS,
  type ListSource,
  PROJECT_COLUMNS,
  type ParsedRow,
  isBlankRow,
  matchHeaders,
  parseRow,
} from './domain/specs.js';
import { projectExportRow, projectReferences, projectTemplateLists, resolveProjectRows, writeProjectRows } from './project-sheet.js';
import {
  REPORT_COLUMNS,
  REPORT_EXPORT_EXTRAS,
  REPORT_INSTRUCTIONS,
  reportExportExtras,
  reportReferences,
  reportSheetRow,
  reportTemplateLists,
  resolveReportRows,
  writeReportRows,
} from './report-sheet.js';
import type { Cell } from './domain/cells.js';
import { MAX_IMPORT_ROWS, TooManyRows, annotateWorkbook, buildTemplate, exportWorkbook, readRows, rowsToXlsx } from './workbook.js';
import { WorkbookError } from './xlsx-reader.js';

export type SheetKind = ImportKind;
/** The page polls a job about once a second: progress is written at most this often while reading. */
const PROGRESS_MS = 250;
/** Problems kept on the job for the page; the annotated workbook carries all of them. */
const STORED_PROBLEMS = 500;

const INSTRUCTIONS: Record<'projects' | 'deals', Record<Locale, string[]>> = {
  projects: {
    'zh-CN': [
      '项目库导入模板',
      '1. 带 * 的列必填；有下拉列表的列请从列表中选择（单位、园区、市领导带编号，如"珠晖区 [2]"）。',
      '2. 金额单位为万元，最多 4 位小数；日期写作 2022-03-01。',
      '3. 有项目代码的按项目代码匹配已有项目，否则按"所属单位 + 项目名称"匹配：匹配到的更新，匹配不到的新增。',
      '4. 导入是整体的：任何一行有错，整批都不写入，并给出带错误标注的工作簿供下载修改。',
      '5. 同一文件重复导入不会产生任何变化。',
      '6. 月度计划须 12 个月全部填写或全部留空，合计须等于年度计划投资。',
    ],
    'en-US': [
      'Project registry import template',
      '1. Columns marked * are required; choose coded values from the drop-downs (units, parks and leaders carry a number, e.g. "Zhuhui [2]").',
      '2. Amounts in 10k yuan with at most 4 decimals; dates as 2022-03-01.',
      '3. A row with a project code updates the project with that code; otherwise unit + name is matched; unmatched rows are added.',
      '4. All or nothing: if any row is wrong nothing is written, and an annotated workbook lists every problem.',
      '5. Importing the same file again changes nothing.',
      '6. Give all 12 monthly amounts or none; they must add up to the annual plan.',
    ],
  },
  deals: {
    'zh-CN': [
      '招商项目备案导入模板',
      '1. 带 * 的列必填；有下拉列表的列请从列表中选择（备案单位带编号，如"珠晖区 [2]"）。',
      '2. 金额单位为万元；日期写作 2022-03-01；签约类型为续签、升级或增资时须填写原签约项目编号，合同投资额填变更后的总额（只计增量）。',
      '3. 按"备案单位 + 投资方 + 项目名称 + 签约日期"匹配已备案项目：匹配到的更新，匹配不到的新增。',
      '4. 导入是整体的：任何一行有错，整批都不写入，并给出带错误标注的工作簿供下载修改。',
      '5. 同一文件重复导入不会产生任何变化。',
    ],
    'en-US': [
      'Deal filing import template',
      '1. Columns marked * are required; choose coded values from the drop-downs (units carry a number, e.g. "Zhuhui [2]").',
      '2. Amounts in 10k yuan; dates as 2022-03-01; a re-signing, upgrade or capital increase names the original deal number and states the new total (only the increase counts).',
      '3. Unit + investor + project + signing date match an existing filing, which is updated; unmatched rows are added.',
      '4. All or nothing: if any row is wrong nothing is written, and an annotated workbook lists every problem.',
      '5. Importing the same file again changes nothing.',
    ],
  },
};

/**
 * What each kind of import is made of: the URL segment, the permission, the columns, and the
 * three steps (references → resolve every row → write in one transaction). Adding a kind is
 * adding an entry here (and its value in import_job's check).
 */
interface KindSpec<Refs, Item> {
  path: string;
  action: Action;
  read: Action;
  columns: readonly ColumnSpec[];
  name: Record<Locale, string>;
  /** Audit action prefix: `<prefix>.import.start`, `<prefix>.import`. */
  audit: string;
  /** A CSV upload is converted to a workbook and goes through the same checks. */
  acceptsCsv: boolean;
  instructions: Record<Locale, string[]>;
  /**
   * A template prefilled for the caller (a month's reports): what its query names, the rows
   * it starts with, and its file name.
   */
  prefilled?: {
    query: z.ZodType;
    rows(db: Executor, ctx: RequestContext, query: unknown): Promise<{ rows: Cell[][]; filename: string }>;
  };
  references(db: Executor, scope: Scope): Promise<Refs>;
  templateLists(refs: Refs, locale: Locale): Partial<Record<ListSource, string[]>>;
  resolve(
    db: Executor,
    scope: Scope,
    refs: Refs,
    rows: readonly ParsedRow[],
    positions: Map<string, number>,
    locale: Locale,
    today: string,
  ): Promise<{ items: Item[]; problems: CellProblem[] }>;
  write(
    tx: Tx,
    ctx: RequestContext,
    scope: Scope,
    items: Item[],
    onProgress: (done: number) => Promise<void>,
    job: { id: number; filename: string },
  ): Promise<{
    created: unknown[];
    updated: unknown[];
    unchanged: unknown[];
    /** More for the import's audit record (e.g. the owner enterprises a project import registered). */
    audit?: Record<string, unknown>;
  }>;
}

function kind<Refs, Item>(spec: KindSpec<Refs, Item>): KindSpec<unknown, unknown> {
  return spec as unknown as KindSpec<unknown, unknown>;
}

export const KIND: Record<SheetKind, KindSpec<unknown, unknown>> = {
  projects: kind({
    path: 'projects',
    action: 'project.manage',
    read: 'project.read',
    columns: PROJECT_COLUMNS,
    name: { 'zh-CN': '项目库', 'en-US': 'Projects' },
    audit: 'project',
    acceptsCsv: false,
    instructions: INSTRUCTIONS.projects,
    references: projectReferences,
    templateLists: projectTemplateLists,
    resolve: resolveProjectRows,
    write: (tx, ctx, scope, items, progress) => writeProjectRows(tx, ctx, scope.cityCode, items, progress),
  }),
  deals: kind({
    path: 'deals',
    action: 'deal.manage',
    read: 'deal.read',
    columns: DEAL_COLUMNS,
    name: { 'zh-CN': '招商项目', 'en-US': 'Deals' },
    audit: 'deal',
    acceptsCsv: false,
    instructions: INSTRUCTIONS.deals,
    references: dealReferences,
    templateLists: dealTemplateLists,
    resolve: resolveDealRows,
    write: (tx, ctx, _scope, items, progress) => writeDealRows(tx, ctx, items, progress),
  }),
  'evaluation-data': kind({
    path: 'evaluation/data',
    action: 'evaluation.data.import',
    read: 'evaluation.data.import',
    columns: EVALUATION_DATA_COLUMNS,
    name: { 'zh-CN': '亩均评价数据', 'en-US': 'Evaluation data' },
    audit: 'evaluation.data',
    acceptsCsv: true,
    instructions: EVALUATION_DATA_INSTRUCTIONS,
    references: evaluationReferences,
    templateLists: evaluationTemplateLists,
    resolve: resolveEvaluationRows,
    write: (tx, ctx, _scope, items, progress, job) => writeEvaluationRows(tx, ctx, items, progress, job),
  }),
  reports: kind({
    path: 'reports',
    action: 'report.submit',
    read: 'report.read',
    columns: REPORT_COLUMNS,
    name: { 'zh-CN': '月报', 'en-US': 'Monthly reports' },
    audit: 'report',
    acceptsCsv: false,
    instructions: REPORT_INSTRUCTIONS,
    prefilled: {
      query: ReportGridQuerySchema,
      rows: async (db, ctx, query) => {
        const grid = await reportGrid(db, ctx, ReportGridQuerySchema.parse(query));
        const name = ctx.locale === 'zh-CN' ? `月报-${grid.month}.xlsx` : `monthly-reports-${grid.month}.xlsx`;
        return { rows: grid.rows.map((r) => reportSheetRow(grid, r)), filename: name };
      },
    },
    references: reportReferences,
    templateLists: reportTemplateLists,
    resolve: resolveReportRows,
    write: (tx, ctx, _scope, items, progress, job) => writeReportRows(tx, ctx, items, progress, job),
  }),
};

/** The kind's template (prefilled for the caller where the kind says so), with its file name. */
export async function importTemplate(
  db: Executor,
  ctx: RequestContext,
  kind: SheetKind,
  query: unknown = {},
): Promise<{ data: Buffer; filename: string }> {
  const spec = KIND[kind];
  const scope = scopeOf(requireActor(ctx), spec.action);
  const lists = spec.templateLists(await spec.references(db, scope), ctx.locale);
  const prefilled = spec.prefilled ? await spec.prefilled.rows(db, ctx, query) : null;
  const data = await buildTemplate(spec.columns, lists, ctx.locale, spec.instructions[ctx.locale], prefilled?.rows);
  return { data, filename: prefilled?.filename ?? `${spec.name['zh-CN']}导入模板.xlsx` };
}

interface StoredProblem {
  row: number;
  column: number;
  cell: string;
  columnKey: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

function storeProblems(specs: readonly ColumnSpec[], problems: readonly CellProblem[]): StoredProblem[] {
  return problems.slice(0, STORED_PROBLEMS).map((p) => ({
    row: p.row,
    column: p.column,
    cell: p.cell,
    columnKey: specs[p.column - 1]?.key ?? '',
    key: p.key,
    ...(p.params ? { params: p.params } : {}),
  }));
}

/**
 * Accept an upload: refuse what is not a safe workbook before anything is stored, keep
 * the file, open a job and work on it in the background; the caller polls the job.
 */
export async function startImport(
  db: Db,
  ctx: RequestContext,
  kind: SheetKind,
  file: { filename: string; data: Buffer },
): Promise<ImportJob> {
  const spec = KIND[kind];
  const scope = scopeOf(requireActor(ctx), spec.action);
  const original = file.data;
  let isCsv = false;
  if (spec.acceptsCsv && looksLikeText(file.data)) {
    try {
      file = { ...file, data: await rowsToXlsx(parseCsv(decodeCsv(file.data))) };
      isCsv = true;
    } catch {
      throw DomainError.field('file', 'sheet.notXlsx');
    }
  }
  const verdict = inspectXlsx(file.data);
  if (!verdict.ok) {
    throw DomainError.field('file', verdict.reason === 'not_zip' || verdict.reason === 'not_xlsx' ? 'sheet.notXlsx' : 'sheet.unsafe');
  }
  const id = await db.transaction().execute(async (tx) => {
    const stored = await storeFile(tx, ctx, scope.cityCode, {
      purpose: `import.${kind}`,
      filename: file.filename,
      contentType: isCsv ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: original,
    });
    const job = await tx
      .insertInto('import_job')
      .values({
        city_code: scope.cityCode,
        kind,
        status: 'running',
        filename: file.filename,
        file_sm3: stored.sm3,
        created_by: ctx.actor?.userId ?? null,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, {
      action: `${spec.audit}.import.start`,
      targetType: 'import_job',
      targetId: job.id,
      after: { filename: file.filename, sm3: stored.sm3, fileId: stored.id },
    });
    return job.id;
  });
  const job = runImport(db, ctx, scope, kind, id, file.data, file.filename).catch(async (error: unknown) => {
    await finishJob(db, scope.cityCode, id, {
      status: 'failed',
      errors: [{ row: 0, column: 0, cell: '', columnKey: '', key: 'sheet.failed' }],
    }).catch(() => {});
    throw error;
  });
  running.add(job);
  job.catch(() => {}).finally(() => running.delete(job));
  return await getImportJob(db, ctx, kind, id);
}

/** Imports in progress in this process (tests and shutdown wait for them). */
const running = new Set<Promise<unknown>>();
export async function importsSettled(): Promise<void> {
  await Promise.allSettled([...running]);
}

async function setProgress(
  db: Executor,
  cityCode: string,
  id: number,
  values: { total_rows?: number; processed_rows?: number },
): Promise<void> {
  await db.updateTable('import_job').set(values).where('city_code', '=', cityCode).where('id', '=', id).execute();
}

async function finishJob(
  db: Executor,
  cityCode: string,
  id: number,
  values: {
    status: 'succeeded' | 'failed';
    errors?: StoredProblem[];
    annotatedFileId?: number;
    created?: number;
    updated?: number;
    unchanged?: number;
    total?: number;
    now?: Date;
  },
): Promise<void> {
  await db
    .updateTable('import_job')
    .set({
      status: values.status,
      errors: JSON.stringify(values.errors ?? []),
      annotated_file_id: values.annotatedFileId ?? null,
      created_count: values.created ?? 0,
      updated_count: values.updated ?? 0,
      unchanged_count: values.unchanged ?? 0,
      ...(values.total !== undefined ? { total_rows: values.total, processed_rows: values.total } : {}),
      finished_at: values.now ?? sql`now()`,
    })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}

async function runImport(
  db: Db,
  ctx: RequestContext,
  scope: Scope,
  kind: SheetKind,
  id: number,
  data: Buffer,
  filename: string,
): Promise<void> {
  const spec = KIND[kind];
  const specs = spec.columns;
  const problems: CellProblem[] = [];
  const rows: ParsedRow[] = [];
  /** Rows whose cells all parsed: only those are checked against the database. */
  const cleanRows: ParsedRow[] = [];
  let positions: Map<string, number> | null = null;
  let progressAt = performance.now();
  try {
    for await (const { row, cells } of readRows(data)) {
      if (!positions) {
        const headers = matchHeaders(specs, cells);
        if (headers.missing.length) {
          problems.push({
            row: 1,
            column: 0,
            cell: '',
            header: '',
            key: 'sheet.missingColumns',
            params: { columns: headers.missing.map((s) => s.header[ctx.locale]).join('、') },
          });
          break;
        }
        positions = headers.positions;
        continue;
      }
      if (isBlankRow(cells)) continue;
      const parsed = parseRow(specs, positions, row, cells, ctx.locale);
      rows.push(parsed.parsed);
      if (parsed.problems.length) problems.push(...parsed.problems);
      else cleanRows.push(parsed.parsed);
      // Rows read so far, for the page's progress: a committed update at most every PROGRESS_MS.
      if (rows.length % 1000 === 0 && performance.now() - progressAt >= PROGRESS_MS) {
        await setProgress(db, scope.cityCode, id, { total_rows: rows.length });
        progressAt = performance.now();
      }
    }
  } catch (error) {
    const key: MessageKey =
      error instanceof TooManyRows ? 'sheet.tooManyRows' : error instanceof WorkbookError ? error.key : 'sheet.notXlsx';
    // The reader's own words (which part it could not read) are kept with the job for whoever
    // looks into a refusal of a file the user believes valid; the user is told the key's message.
    const detail = error instanceof Error ? error.message.slice(0, 500) : String(error);
    await finishJob(db, scope.cityCode, id, {
      status: 'failed',
      errors: [{ row: 0, column: 0, cell: '', columnKey: '', key, params: { max: MAX_IMPORT_ROWS, detail } }],
      now: ctx.now,
    });
    return;
  }
  if (!positions && !problems.length) problems.push({ row: 0, column: 0, cell: '', header: '', key: 'sheet.empty' });
  if (positions && !rows.length && !problems.length) problems.push({ row: 2, column: 0, cell: '', header: '', key: 'sheet.empty' });
  await setProgress(db, scope.cityCode, id, { total_rows: rows.length, processed_rows: 0 });

  const today = shanghaiDate(ctx.now);
  let resolved: { items: unknown[]; problems: CellProblem[] } | null = null;
  // Every row that parsed is also checked against the database, so one run reports everything.
  if (positions && rows.length) {
    resolved = await spec.resolve(db, scope, await spec.references(db, scope), cleanRows, positions, ctx.locale, today);
    problems.push(...resolved.problems);
  }
  if (problems.length || !resolved) {
    problems.sort((a, b) => a.row - b.row || a.column - b.column);
    const annotated = await annotateWorkbook(data, problems, ctx.locale).catch(() => null);
    const stored = annotated
      ? await storeFile(db, ctx, scope.cityCode, {
          purpose: `import.${kind}.annotated`,
          filename: `errors-${id}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          data: annotated,
        })
      : null;
    await finishJob(db, scope.cityCode, id, {
      status: 'failed',
      errors: storeProblems(specs, problems),
      ...(stored ? { annotatedFileId: stored.id } : {}),
      total: rows.length,
      now: ctx.now,
    });
    await recordAuditEvent(db, ctx, {
      action: `${spec.audit}.import`,
      targetType: 'import_job',
      targetId: id,
      result: 'failure',
      after: { rows: rows.length, problems: problems.length },
    });
    return;
  }
  const progress = (done: number) => setProgress(db, scope.cityCode, id, { processed_rows: done });
  await db.transaction().execute(async (tx) => {
    const outcome = await spec.write(tx, ctx, scope, resolved!.items, progress, { id, filename });
    await appendAudit(tx, ctx, {
      action: `${spec.audit}.import`,
      targetType: 'import_job',
      targetId: id,
      after: {
        rows: rows.length,
        created: outcome.created.length,
        updated: outcome.updated.length,
        unchanged: outcome.unchanged.length,
        ...auditIds('created', outcome.created as number[]),
        ...auditIds('updated', outcome.updated as number[]),
        ...outcome.audit,
      },
    });
    await finishJob(tx, scope.cityCode, id, {
      status: 'succeeded',
      created: outcome.created.length,
      updated: outcome.updated.length,
      unchanged: outcome.unchanged.length,
      total: rows.length,
      now: ctx.now,
    });
  });
}

export async function getImportJob(db: Executor, ctx: RequestContext, kind: SheetKind, id: number): Promise<ImportJob> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, KIND[kind].action);
  const row = await db
    .selectFrom('import_job')
    .selectAll()
    .where('city_code', '=', scope.cityCode)
    .where('id', '=', id)
    .where('kind', '=', kind)
    .executeTakeFirst();
  // A job is its uploader's; the city's operator sees every job of the city.
  if (!row || (scope.kind !== 'city' && row.created_by !== actor.userId)) throw notFound();
  const specs = KIND[kind].columns;
  const stored = row.errors as StoredProblem[];
  const message =
    row.status === 'failed'
      ? translate(ctx.locale, stored.length === 1 && stored[0]!.row === 0 ? stored[0]!.key : 'sheet.failed', stored[0]?.params)
      : null;
  return {
    id: row.id,
    kind: row.kind as SheetKind,
    status: row.status as ImportJob['status'],
    filename: row.filename,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    createdCount: row.created_count,
    updatedCount: row.updated_count,
    unchangedCount: row.unchanged_count,
    errorCount: stored.length,
    errors: stored.map((p) => ({
      row: p.row,
      cell: p.cell,
      header: specs.find((s) => s.key === p.columnKey)?.header[ctx.locale] ?? '',
      message: translate(ctx.locale, p.key, p.params),
    })),
    message,
    hasAnnotatedWorkbook: row.annotated_file_id !== null,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export async function annotatedWorkbook(db: Executor, ctx: RequestContext, kind: SheetKind, id: number) {
  await getImportJob(db, ctx, kind, id);
  const row = await db.selectFrom('import_job').select(['annotated_file_id', 'city_code']).where('id', '=', id).executeTakeFirstOrThrow();
  if (!row.annotated_file_id) throw notFound();
  const file = await readFile(db, row.city_code, row.annotated_file_id);
  if (!file) throw notFound();
  return file;
}

/** Jobs a crash or restart left running are failed at start: nothing of theirs was committed. */
export async function failInterruptedImports(db: Executor): Promise<number> {
  const result = await db
    .updateTable('import_job')
    .set({
      status: 'failed',
      errors: JSON.stringify([{ row: 0, column: 0, cell: '', columnKey: '', key: 'sheet.interrupted' }]),
      finished_at: sql`now()`,
    })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A filtered list as .xlsx in the template's column order (an export re-imports as it is). Audited. */
export async function exportProjects(
  db: Db,
  ctx: RequestContext,
  query: Omit<ProjectListQuery, 'page' | 'pageSize'> & { planYear?: number | undefined },
) {
  const scope = scopeOf(requireActor(ctx), 'project.read');
  const settings = await registrySettings(db, scope.cityCode);
  const chainName = (key: string) =>
    settings.industryChains.find((c) => c.key === key)?.[ctx.locale === 'zh-CN' ? 'nameZh' : 'nameEn'] ?? key;
  const planYear = query.planYear ?? Number(shanghaiDate(ctx.now).slice(0, 4));
  await recordAuditEvent(db, ctx, { action: 'project.export', targetType: 'project', after: { filter: query } });
  async function* rows() {
    for await (const p of projectsForExport(db, ctx, query, planYear)) {
      yield [...projectExportRow(p, ctx.locale, chainName), p.id, codeLabel('projectStage', p.stage, ctx.locale), p.version];
    }
  }
  return exportWorkbook([...PROJECT_COLUMNS, ...PROJECT_EXPORT_EXTRAS], rows(), ctx.locale, KIND.projects.name[ctx.locale]);
}

/** Columns an export adds after the import columns (ignored when the file is imported again). */
const PROJECT_EXPORT_EXTRAS = [
  { header: { 'zh-CN': '编号', 'en-US': 'No.' } },
  { header: { 'zh-CN': '当前阶段', 'en-US': 'Stage' } },
  { header: { 'zh-CN': '版本', 'en-US': 'Version' } },
] as const;
const DEAL_EXPORT_EXTRAS = [
  { header: { 'zh-CN': '编号', 'en-US': 'No.' } },
  { header: { 'zh-CN': '阶段', 'en-US': 'Stage' } },
  { header: { 'zh-CN': '阶段日期', 'en-US': 'Stage date' } },
  { header: { 'zh-CN': '计入引资额（万元）', 'en-US': 'Counted (10k yuan)' } },
  { header: { 'zh-CN': '备案日期', 'en-US': 'Filed on' } },
  { header: { 'zh-CN': '迟报天数', 'en-US': 'Days late' } },
  { header: { 'zh-CN': '重复备案', 'en-US': 'Duplicate' } },
] as const;

export async function exportDeals(db: Db, ctx: RequestContext, query: Omit<DealListQuery, 'page' | 'pageSize'>) {
  const scope = scopeOf(requireActor(ctx), 'deal.read');
  const settings = await registrySettings(db, scope.cityCode);
  const sourceName = (key: string) =>
    settings.dealSources.find((s) => s.key === key)?.[ctx.locale === 'zh-CN' ? 'nameZh' : 'nameEn'] ?? key;
  await recordAuditEvent(db, ctx, { action: 'deal.export', targetType: 'deal', after: { filter: query } });
  async function* rows() {
    for await (const d of dealsForExport(db, ctx, query)) {
      yield [
        ...dealExportRow(d, ctx.locale, sourceName),
        d.id,
        codeLabel('dealStage', d.stage, ctx.locale),
        d.stageOn,
        Number(d.countedAmount),
        d.filedOn,
        d.isLateFiling ? d.filingDelayDays : 0,
        d.duplicateStatus === 'none' ? null : d.duplicateStatus,
      ];
    }
  }
  return exportWorkbook([...DEAL_COLUMNS, ...DEAL_EXPORT_EXTRAS], rows(), ctx.locale, KIND.deals.name[ctx.locale]);
}

/** A month's grid as .xlsx in the template's column order (the export re-imports as it is). Audited. */
export async function exportReports(db: Db, ctx: RequestContext, query: { month: Month; unitId?: number | undefined }) {
  const grid = await reportGrid(db, ctx, query);
  await recordAuditEvent(db, ctx, { action: 'report.export', targetType: 'report_month', targetId: query.month, after: { filter: query } });
  async function* rows() {
    for (const r of grid.rows) yield [...reportSheetRow(grid, r), ...reportExportExtras(r, ctx.locale)];
  }
  return exportWorkbook([...REPORT_COLUMNS, ...REPORT_EXPORT_EXTRAS], rows(), ctx.locale, KIND.reports.name[ctx.locale]);
}
