import {
  BOARD_METRICS,
  type Board,
  type BoardMetric,
  type Boards,
  type CorrectionNote,
  type HonourEntry,
  type Locale,
  type Month,
  shanghaiDate,
  translate,
} from '../../../contracts/index.js';
import { sumMoney } from '../../../contracts/money.js';
import type { Db, Executor } from '../../db/pool.js';
import { type RequestContext, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, notFound } from '../../lib/domain-error.js';
import { appendAudit } from '../audit/index.js';
import { type UnitRef, childUnits, getCityNames, getCityRoot, getUnitRef } from '../org/index.js';
import { addMonths, missingReportsOf, monthEnd, monthStart } from '../reports/index.js';
import { registrySettings } from '../settings/index.js';
import { boardsWorkbook, briefingDocx } from './briefing.js';
import { movement, rankWithTies } from './domain/rank.js';
import * as repo from './repo.js';
import { DOCX_TYPE } from '../../lib/docx.js';

/** Units a board ranks: the city's county-level units, parks, townships and platform companies under the root. */
const RANKED_KINDS = ['district', 'county', 'county_level_city', 'park', 'township', 'platform_company'];

async function window(db: Executor, cityCode: string, month: Month, asOf: Date) {
  const root = await getCityRoot(db, cityCode);
  if (!root) throw notFound();
  const settings = await registrySettings(db, cityCode);
  return {
    root,
    w: {
      cityCode,
      rootId: root.id,
      rootPath: root.path,
      yearStart: `${month.slice(0, 4)}-01-01`,
      monthStart: monthStart(month),
      monthEnd: monthEnd(month),
      asOf,
      majorIndustrialMin: String(settings.reporting.majorIndustrialMin),
    },
  };
}

/** A project of the 红黄榜 as the monitoring module measures it, frozen with a publication. */
export interface FrozenHonour {
  list: 'red' | 'yellow';
  projectId: number;
  projectName: string;
  unitId: number;
  unitName: string;
  dueByNow: string;
  ytd: string;
  ratio: number | null;
  reasons: { key: string; params?: Record<string, string | number> }[];
}

function honourEntry(h: FrozenHonour, locale: Locale): HonourEntry {
  return {
    ...h,
    reasons: h.reasons.map((r) =>
      translate(locale, r.key as 'light.noPlan', {
        ...r.params,
        ...(r.params?.milestone ? { milestone: translate(locale, `milestone.${r.params.milestone}` as 'milestone.start') } : {}),
      }),
    ),
  };
}

type Figures = Record<BoardMetric, Map<number, { value: string; count: number | null }>>;

/** The four figures per row unit for a month, as entered up to `asOf`. */
export async function computeFigures(
  db: Executor,
  cityCode: string,
  month: Month,
  asOf: Date,
): Promise<{ figures: Figures; rows: UnitRef[] }> {
  const { root, w } = await window(db, cityCode, month, asOf);
  const results = await Promise.all(
    BOARD_METRICS.map((m) => (m === 'completed' ? completedInHalves(db, w) : repo.METRIC_QUERIES[m](db, w))),
  );
  const figures = Object.fromEntries(
    BOARD_METRICS.map((m, i) => [m, new Map(results[i]!.map((r) => [Number(r.row_unit), { value: r.value, count: r.count }]))]),
  ) as Figures;
  return { figures, rows: await rankedUnits(db, cityCode, root.id) };
}

/** The units the boards rank: the city's units directly under it, of the kinds that report. */
export async function rankedUnits(db: Executor, cityCode: string, rootId?: number): Promise<UnitRef[]> {
  const id = rootId ?? (await getCityRoot(db, cityCode))?.id;
  if (id === undefined) throw notFound();
  return (await childUnits(db, cityCode, id)).filter((u) => RANKED_KINDS.includes(u.kind));
}

/**
 * Completed investment, the one board that reads every report version of the year: on the
 * pool (not in a transaction, whose statements run one after another) the year's months are
 * read in two halves on two connections at once and summed per row unit. Each month's latest
 * version is picked within its month, so the halves never overlap.
 */
async function completedInHalves(db: Executor, w: Parameters<typeof repo.completed>[1]): Promise<repo.MetricRow[]> {
  const months = Number(w.monthStart.slice(5, 7));
  if (db.isTransaction || months < 2) return await repo.completed(db, w);
  const firstEnd = monthStart(`${w.monthStart.slice(0, 4)}-${String(Math.floor(months / 2)).padStart(2, '0')}`);
  const [a, b] = await Promise.all([
    repo.completed(db, { ...w, monthStart: firstEnd }),
    repo.completed(db, { ...w, yearStart: monthStart(addMonths(firstEnd.slice(0, 7), 1)) }),
  ]);
  const sums = new Map<number, string[]>();
  for (const r of [...a, ...b]) sums.set(Number(r.row_unit), [...(sums.get(Number(r.row_unit)) ?? []), r.value]);
  return [...sums].map(([unit, values]) => ({ row_unit: unit, value: sumMoney(values), count: null }));
}

function boardsFrom(figures: Figures, rows: UnitRef[], previous: Partial<Record<BoardMetric, Map<number, number>>>): Board[] {
  return BOARD_METRICS.map((metric) => {
    const entries = rows.map((u) => ({ key: u, value: figures[metric].get(u.id)?.value ?? '0' }));
    const ranked = rankWithTies(entries);
    return {
      metric,
      total: sumMoney([...figures[metric].values()].map((v) => v.value)),
      entries: ranked.map((r) => {
        const previousRank = previous[metric]?.get(r.key.id) ?? null;
        return {
          unitId: r.key.id,
          unitName: r.key.nameZh,
          value: r.value,
          count: metric === 'majorProjects' ? (figures[metric].get(r.key.id)?.count ?? 0) : null,
          rank: r.rank,
          previousRank,
          movement: movement(r.rank, previousRank),
        };
      }),
    };
  });
}

/** Last month's ranks: from its publication when there is one, else worked out now. */
async function previousRanks(
  db: Executor,
  cityCode: string,
  month: Month,
  asOf: Date,
): Promise<Partial<Record<BoardMetric, Map<number, number>>>> {
  const previous = addMonths(month, -1);
  if (previous.slice(0, 4) !== month.slice(0, 4)) return {};
  const published = await repo.publishedEntries(db, cityCode, monthStart(previous));
  if (published.length) {
    const out: Partial<Record<BoardMetric, Map<number, number>>> = {};
    for (const e of published) {
      const metric = e.metric as BoardMetric;
      const ranks = out[metric] ?? new Map<number, number>();
      ranks.set(e.unit_id, e.rank);
      out[metric] = ranks;
    }
    return out;
  }
  const { figures, rows } = await computeFigures(db, cityCode, previous, asOf);
  return Object.fromEntries(boardsFrom(figures, rows, {}).map((b) => [b.metric, new Map(b.entries.map((e) => [e.unitId, e.rank]))]));
}

export async function getBoards(db: Executor, ctx: RequestContext, month: Month): Promise<Boards> {
  const scope = scopeOf(requireActor(ctx), 'board.read');
  const [publication, latest] = await Promise.all([
    repo.getPublication(db, scope.cityCode, monthStart(month)),
    repo.latestPublishedMonth(db, scope.cityCode),
  ]);
  const latestPublished = latest ? latest.slice(0, 7) : null;
  if (publication) {
    const entries = await repo.publishedEntries(db, scope.cityCode, monthStart(month));
    const boards = BOARD_METRICS.map((metric) => {
      const mine = entries.filter((e) => e.metric === metric);
      return {
        metric,
        total: sumMoney(mine.map((e) => e.value)),
        entries: mine.map((e) => ({
          unitId: e.unit_id,
          unitName: e.unit_name,
          value: e.value,
          count: e.count,
          rank: e.rank,
          previousRank: e.previous_rank,
          movement: movement(e.rank, e.previous_rank),
        })),
      };
    });
    const honours = publication.honours_frozen ? await repo.honourCounts(db, scope.cityCode, monthStart(month)) : null;
    return {
      month,
      isPublished: true,
      publishedAt: publication.published_at.toISOString(),
      publishedBy: publication.published_name,
      boards,
      corrections: publication.corrections as CorrectionNote[],
      annualTask: publication.annual_task,
      hasBriefing: publication.briefing_file_id !== null,
      honours,
      latestPublished,
    };
  }
  const { figures, rows } = await computeFigures(db, scope.cityCode, month, ctx.now);
  return {
    month,
    isPublished: false,
    publishedAt: null,
    publishedBy: null,
    boards: boardsFrom(figures, rows, await previousRanks(db, scope.cityCode, month, ctx.now)),
    corrections: [],
    annualTask: await repo.annualTask(db, scope.cityCode, Number(month.slice(0, 4))),
    hasBriefing: false,
    honours: null,
    latestPublished,
  };
}

/** One list of a published month's 红黄榜, page by page (not found until the month is published with lists). */
export async function honourPage(
  db: Executor,
  ctx: RequestContext,
  query: { month: Month; list: 'red' | 'yellow'; page: number; pageSize: number },
): Promise<{ items: HonourEntry[]; total: number; page: number; pageSize: number }> {
  const scope = scopeOf(requireActor(ctx), 'board.read');
  const publication = await repo.getPublication(db, scope.cityCode, monthStart(query.month));
  if (!publication?.honours_frozen) throw notFound();
  const [rows, counts] = await Promise.all([
    repo.publishedHonours(db, scope.cityCode, monthStart(query.month), query.list, query.page, query.pageSize),
    repo.honourCounts(db, scope.cityCode, monthStart(query.month)),
  ]);
  const items = rows.map((h) =>
    honourEntry(
      {
        list: h.list as FrozenHonour['list'],
        projectId: h.project_id,
        projectName: h.project_name,
        unitId: h.unit_id,
        unitName: h.unit_name,
        dueByNow: h.due_by_now,
        ytd: h.ytd,
        ratio: h.ratio,
        reasons: h.reasons as FrozenHonour['reasons'],
      },
      ctx.locale,
    ),
  );
  return { items, total: counts[query.list], page: query.page, pageSize: query.pageSize };
}

/**
 * Corrections since earlier publications of the year: each published month worked out again
 * now and compared with its snapshot. They are noted in this publication, never applied silently.
 */
async function correctionsSince(db: Executor, cityCode: string, month: Month, now: Date): Promise<CorrectionNote[]> {
  const notes: CorrectionNote[] = [];
  for (const { month: published } of await repo.publishedMonthsOfYear(db, cityCode, `${month.slice(0, 4)}-01-01`, monthStart(month))) {
    const earlier = published.slice(0, 7);
    const snapshot = await repo.publishedEntries(db, cityCode, published);
    const { figures } = await computeFigures(db, cityCode, earlier, now);
    for (const e of snapshot) {
      const now = figures[e.metric as BoardMetric].get(e.unit_id)?.value ?? '0';
      if (now !== e.value)
        notes.push({
          month: earlier,
          metric: e.metric as BoardMetric,
          unitId: e.unit_id,
          unitName: e.unit_name,
          before: e.value,
          after: now,
        });
    }
  }
  return notes;
}

/**
 * Publish a month: the boards become a frozen snapshot with the corrections they note, the
 * 红黄榜 as the lights stood on the month's last day (`honours`, measured by the monitoring
 * module in this transaction), and the briefing documents.
 */
export async function publishBoards(
  db: Db,
  ctx: RequestContext,
  month: Month,
  honours: (tx: Executor) => Promise<FrozenHonour[]>,
  documents: (boards: Boards, honours: HonourEntry[]) => Promise<{ briefing: Buffer; workbook: Buffer }>,
): Promise<Boards> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'board.publish');
  if (month >= shanghaiDate(ctx.now).slice(0, 7)) throw DomainError.field('month', 'board.monthNotOver');
  await db.transaction().execute(async (tx) => {
    if (await repo.getPublication(tx, scope.cityCode, monthStart(month)))
      throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'board.alreadyPublished' });
    const { figures, rows } = await computeFigures(tx, scope.cityCode, month, ctx.now);
    const boards = boardsFrom(figures, rows, await previousRanks(tx, scope.cityCode, month, ctx.now));
    const corrections = await correctionsSince(tx, scope.cityCode, month, ctx.now);
    const annualTask = await repo.annualTask(tx, scope.cityCode, Number(month.slice(0, 4)));
    const frozen = await honours(tx);
    const preview: Boards = {
      month,
      isPublished: true,
      publishedAt: ctx.now.toISOString(),
      publishedBy: actor.username,
      boards,
      corrections,
      annualTask,
      hasBriefing: true,
      honours: { red: frozen.filter((h) => h.list === 'red').length, yellow: frozen.filter((h) => h.list === 'yellow').length },
      latestPublished: month,
    };
    const { storeFile } = await import('../files/index.js');
    const files = await documents(
      preview,
      frozen.map((h) => honourEntry(h, ctx.locale)),
    );
    const briefing = await storeFile(tx, ctx, scope.cityCode, {
      purpose: 'board.briefing',
      filename: `${month}-通报.docx`,
      contentType: DOCX_TYPE,
      data: files.briefing,
    });
    const workbook = await storeFile(tx, ctx, scope.cityCode, {
      purpose: 'board.workbook',
      filename: `${month}-榜单.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: files.workbook,
    });
    await tx
      .insertInto('board_publication')
      .values({
        city_code: scope.cityCode,
        month: monthStart(month),
        published_at: ctx.now,
        published_by: actor.userId,
        published_name: actor.username,
        annual_task: annualTask,
        corrections: JSON.stringify(corrections),
        briefing_file_id: briefing.id,
        workbook_file_id: workbook.id,
        honours_frozen: true,
      })
      .execute();
    const positions = { red: 0, yellow: 0 };
    const honourRows = frozen.map((h) => ({
      city_code: scope.cityCode,
      month: monthStart(month),
      list: h.list,
      position: ++positions[h.list],
      project_id: h.projectId,
      project_name: h.projectName,
      unit_id: h.unitId,
      unit_name: h.unitName,
      due_by_now: h.dueByNow,
      ytd: h.ytd,
      ratio: h.ratio,
      reasons: JSON.stringify(h.reasons),
    }));
    // 12 parameters a row: in slices well under PostgreSQL's 65,535 per statement.
    for (let i = 0; i < honourRows.length; i += 2000)
      await tx
        .insertInto('board_honour')
        .values(honourRows.slice(i, i + 2000))
        .execute();
    const entries = boards.flatMap((b) =>
      b.entries.map((e) => ({
        city_code: scope.cityCode,
        month: monthStart(month),
        metric: b.metric,
        unit_id: e.unitId,
        unit_name: e.unitName,
        value: e.value,
        count: e.count,
        rank: e.rank,
        previous_rank: e.previousRank,
      })),
    );
    if (entries.length) await tx.insertInto('board_entry').values(entries).execute();
    await appendAudit(tx, ctx, {
      action: 'board.publish',
      targetType: 'board_publication',
      targetId: month,
      after: {
        corrections: corrections.length,
        briefingSm3: briefing.sm3,
        workbookSm3: workbook.sm3,
        totals: Object.fromEntries(boards.map((b) => [b.metric, b.total])),
        honours: positions,
      },
    });
  });
  return await getBoards(db, ctx, month);
}

export async function publicationFile(db: Db, ctx: RequestContext, month: Month, which: 'briefing' | 'workbook') {
  const scope = scopeOf(requireActor(ctx), 'board.read');
  const publication = await repo.getPublication(db, scope.cityCode, monthStart(month));
  const fileId = which === 'briefing' ? publication?.briefing_file_id : publication?.workbook_file_id;
  if (!fileId) throw notFound();
  const { readFile } = await import('../files/index.js');
  const file = await readFile(db, scope.cityCode, fileId);
  if (!file) throw notFound();
  const { recordAuditEvent } = await import('../audit/index.js');
  await recordAuditEvent(db, ctx, { action: 'board.download', targetType: 'board_publication', targetId: month, after: { which, fileId } });
  return file;
}

/**
 * The rows and versions behind one figure (who entered what, when), as of the publication
 * when the month is published. A unit sees the sources of its own row only.
 */
export async function boardSources(db: Executor, ctx: RequestContext, query: { month: Month; unitId: number; metric: BoardMetric }) {
  const actor = requireActor(ctx);
  scopeOf(actor, 'board.read');
  const reportScope = scopeOf(actor, 'report.read');
  const unit = await getUnitRef(db, reportScope.cityCode, query.unitId);
  if (!unit || (reportScope.kind === 'subtree' && !unit.path.startsWith(reportScope.path))) throw notFound();
  const publication = await repo.getPublication(db, reportScope.cityCode, monthStart(query.month));
  const asOf = publication?.published_at ?? ctx.now;
  const { root, w } = await window(db, reportScope.cityCode, query.month, asOf);
  const isRoot = unit.id === root.id;
  let rows: {
    kind: 'report' | 'deal' | 'fund' | 'project';
    id: number;
    projectId: number | null;
    label: string;
    month: string | null;
    date: string | null;
    amount: string;
    version: number | null;
    enteredBy: string | null;
    enteredAt: string | null;
    note: string | null;
  }[];
  if (query.metric === 'completed') {
    rows = (await repo.reportSources(db, w, unit.path, isRoot)).map((r) => ({
      kind: 'report',
      id: r.id,
      projectId: r.project_id,
      label: r.project_name,
      month: r.month.slice(0, 7),
      date: null,
      amount: r.investment,
      version: r.version,
      enteredBy: r.submitted_name,
      enteredAt: r.submitted_at.toISOString(),
      note: r.kind === 'correction' ? r.reason : null,
    }));
  } else if (query.metric === 'attracted') {
    rows = (await repo.dealSources(db, w, unit.path, isRoot)).map((r) => ({
      kind: 'deal',
      id: r.id,
      projectId: null,
      label: r.project_name,
      month: null,
      date: r.signed_on,
      amount: r.counted_amount,
      version: null,
      enteredBy: null,
      enteredAt: r.created_at.toISOString(),
      note: r.kind === 'new' ? null : r.kind,
    }));
  } else if (query.metric === 'fundsWon') {
    rows = (await repo.fundSources(db, w, unit.path, isRoot)).map((r) => ({
      kind: 'fund',
      id: r.id,
      projectId: r.project_id,
      label: r.source,
      month: null,
      date: r.won_on,
      amount: r.amount,
      version: null,
      enteredBy: r.created_name,
      enteredAt: r.created_at.toISOString(),
      note: r.reason,
    }));
  } else {
    rows = (await repo.majorProjectSources(db, w, unit.path, isRoot)).map((r) => ({
      kind: 'project',
      id: r.id,
      projectId: r.id,
      label: r.name,
      month: null,
      date: r.started_on,
      amount: r.total_investment,
      version: null,
      enteredBy: null,
      enteredAt: null,
      note: null,
    }));
  }
  return {
    month: query.month,
    unitId: unit.id,
    metric: query.metric,
    asOf: asOf.toISOString(),
    value: sumMoney(rows.map((r) => r.amount)),
    rows,
  };
}

/** The documents a publication stores: the Word briefing (with the month's reporting facts) and the Excel boards. */
export async function publicationDocuments(db: Executor, ctx: RequestContext, boards: Boards, honours: HonourEntry[]) {
  const cityCode = requireActor(ctx).cityCode;
  const [city, missing, settings] = await Promise.all([
    getCityNames(db, cityCode),
    missingReportsOf(db, ctx, boards.month),
    registrySettings(db, cityCode),
  ]);
  const facts = {
    cityName: city?.nameZh ?? cityCode,
    expectedReports: missing.units.reduce((n, u) => n + u.expected, 0),
    missingReports: missing.units.reduce((n, u) => n + u.missing + u.returned, 0),
    overdueMilestones: await repo.overdueMilestoneProjects(db, cityCode, monthEnd(boards.month), settings.reporting.milestoneOverdueDays),
  };
  return { briefing: await briefingDocx(boards, facts, ctx.locale, honours), workbook: await boardsWorkbook(boards, ctx.locale, honours) };
}
