import {
  type CreateTour,
  type JudgeCandidate,
  type ObservationCriterion,
  type ObservationStatus,
  type Role,
  type SiteScoreInput,
  type Tour,
  type TourListQuery,
  type TourPhoto,
  type TourResults,
  type TourSummary,
  type UnitObservation,
  type UpdateTour,
  OBSERVATION_LIMITS,
  REPORT_PHOTO_LIMITS,
  ROLES,
  can,
} from '../../../contracts/index.js';
import type { Db, Executor } from '../../db/pool.js';
import { type Actor, type RequestContext, requireActor, scopeOf } from '../../lib/context.js';
import { type DomainFieldError, DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { appendAudit, recordAuditEvent } from '../audit/index.js';
import { deleteFile, readFile, sniffDocument, storeFile } from '../files/index.js';
import { notify } from '../notifications/index.js';
import { photoFilename, photoTooLarge, readPhotoMetadata } from '../reports/index.js';
import { exportColumn, exportWorkbook } from '../sheets/index.js';
import { isRecused, judgeTotal, pointsProblems, shown, tourScores } from './domain/score.js';
import * as repo from './repo.js';

/**
 * On-site observation (现场观摩制): the operator drafts a tour (criteria, sites, judges), opens
 * it for scoring and closes it; judges score the sites on their phones; results are derived
 * from the points (domain/score.ts). Drafts are the operator's alone; results are shown once
 * the tour is closed (to the operator all along, to follow the scoring).
 */
const TRIM = OBSERVATION_LIMITS.trimFrom;

/** Roles whose accounts may be named judges. */
const JUDGE_ROLES: readonly Role[] = ROLES.filter((r) => can(r, 'observation.score'));

/** A judge scoped to a unit (a county, a park) stands aside from that unit's sites; city-wide roles and departments judge every site. */
const recusalPath = (judge: { role: string; scope_unit_path: string | null }) =>
  judge.role === 'reporting_unit' ? judge.scope_unit_path : null;

interface Loaded {
  row: repo.TourRow;
  canManage: boolean;
}

async function loadTour(db: Executor, ctx: RequestContext, id: number, lock: 'update' | 'share' | null = null): Promise<Loaded> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'observation.read');
  const canManage = can(actor.role, 'observation.manage');
  const row = await repo.getTour(db, scope.cityCode, id, lock);
  if (!row || (row.status === 'draft' && !canManage)) throw notFound();
  return { row, canManage };
}

const stale = (row: repo.TourRow, version: number) => {
  if (row.version !== version) throw conflict();
};
const mustBe = (row: repo.TourRow, status: ObservationStatus, key: 'observation.notDraft' | 'observation.notScoring') => {
  if (row.status !== status) throw new DomainError('BUSINESS_RULE_VIOLATED', { key });
};

export async function listTours(
  db: Db,
  ctx: RequestContext,
  q: TourListQuery,
): Promise<{ items: TourSummary[]; total: number; page: number; pageSize: number }> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'observation.read');
  const only = q.toScore ? await toursToScore(db, scope.cityCode, actor) : undefined;
  const { rows, total } = await repo.findTours(db, scope.cityCode, q, can(actor.role, 'observation.manage'), only);
  const sites = await repo.sitesOf(
    db,
    scope.cityCode,
    rows.map((r) => r.id),
  );
  const judges = await repo.judgesOf(
    db,
    scope.cityCode,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const tourSites = sites.filter((s) => s.tour_id === r.id);
      return {
        id: r.id,
        title: r.title,
        year: r.year,
        quarter: r.quarter,
        heldOn: r.held_on,
        status: r.status as ObservationStatus,
        siteCount: r.site_count,
        judgeCount: r.judge_count,
        scoredCount: r.scored_count,
        expectedCount: expectedScores(
          tourSites,
          judges.filter((j) => j.tour_id === r.id),
        ),
        updatedAt: r.updated_at.toISOString(),
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The tours being scored where the user, a judge, has a site left to score (not one stood aside from). */
async function toursToScore(db: Executor, cityCode: string, actor: Actor): Promise<number[]> {
  const ids = await repo.scoringToursJudgedBy(db, cityCode, actor.userId);
  const [sites, scores] = await Promise.all([repo.sitesOf(db, cityCode, ids), repo.scoresOf(db, cityCode, ids)]);
  const aside = recusalPath({ role: actor.role, scope_unit_path: actor.scopeUnitPath });
  return ids.filter((id) => {
    const scored = new Set(scores.filter((s) => s.tour_id === id && s.user_id === actor.userId).map((s) => s.project_id));
    return sites.some((s) => s.tour_id === id && !scored.has(s.project_id) && !isRecused(aside, s.unit_path));
  });
}

/** Scores a tour expects: every judge for every site, less the sites each judge stands aside from. */
function expectedScores(sites: readonly repo.SiteRow[], judges: readonly repo.JudgeRow[]): number {
  return judges.reduce((n, j) => n + sites.filter((s) => !isRecused(recusalPath(j), s.unit_path)).length, 0);
}

export async function judgeCandidates(db: Db, ctx: RequestContext): Promise<{ items: JudgeCandidate[] }> {
  const scope = scopeOf(requireActor(ctx), 'observation.manage');
  const rows = await repo.usersWithRoles(db, scope.cityCode, JUDGE_ROLES);
  return {
    items: rows.map((r) => ({
      userId: r.id,
      displayName: r.display_name,
      role: r.role as Role,
      scopeUnitId: r.scope_unit_id,
      scopeUnitName: r.scope_unit_name,
    })),
  };
}

/** Field problems of a draft's content: the date in its period, the sites known, the judges eligible. */
async function draftProblems(
  db: Executor,
  cityCode: string,
  draft: { year: number; quarter: number | null; heldOn: string; projectIds?: readonly number[]; judgeUserIds?: readonly number[] },
): Promise<DomainFieldError[]> {
  const problems: DomainFieldError[] = [];
  const month = Number(draft.heldOn.slice(5, 7));
  if (Number(draft.heldOn.slice(0, 4)) !== draft.year || (draft.quarter !== null && Math.ceil(month / 3) !== draft.quarter)) {
    problems.push({ path: 'heldOn', key: 'observation.dateOutsidePeriod' });
  }
  if (draft.projectIds) {
    const known = await repo.existingProjectIds(db, cityCode, draft.projectIds);
    draft.projectIds.forEach((id, i) => {
      if (!known.has(id)) problems.push({ path: `projectIds.${i}`, key: 'validation.referenceNotFound' });
    });
  }
  if (draft.judgeUserIds) {
    const eligible = new Set((await repo.usersWithRoles(db, cityCode, JUDGE_ROLES, draft.judgeUserIds)).map((u) => u.id));
    draft.judgeUserIds.forEach((id, i) => {
      if (!eligible.has(id)) problems.push({ path: `judgeUserIds.${i}`, key: 'observation.judgeNotEligible' });
    });
  }
  return problems;
}

const refuse = (problems: DomainFieldError[]) => {
  if (problems.length) throw new DomainError('VALIDATION_FAILED', { fields: problems });
};

export async function createTour(db: Db, ctx: RequestContext, input: CreateTour): Promise<Tour> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'observation.manage');
  refuse(await draftProblems(db, scope.cityCode, input));
  const id = await db.transaction().execute(async (tx) => {
    const id = await repo.insertTour(tx, { cityCode: scope.cityCode, ...input, createdBy: actor.userId, at: ctx.now });
    await repo.replaceSites(tx, scope.cityCode, id, input.projectIds);
    await repo.replaceJudges(tx, scope.cityCode, id, input.judgeUserIds);
    await appendAudit(tx, ctx, { action: 'observation.tour.create', targetType: 'observation_tour', targetId: id, after: input });
    return id;
  });
  return await getTour(db, ctx, id);
}

export async function updateTour(db: Db, ctx: RequestContext, id: number, input: UpdateTour): Promise<Tour> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'observation.manage');
  await db.transaction().execute(async (tx) => {
    const { row } = await loadTour(tx, ctx, id, 'update');
    stale(row, input.version);
    mustBe(row, 'draft', 'observation.notDraft');
    const { version: _v, projectIds, judgeUserIds, ...fields } = input;
    refuse(
      await draftProblems(tx, scope.cityCode, {
        year: fields.year ?? row.year,
        quarter: fields.quarter === undefined ? row.quarter : fields.quarter,
        heldOn: fields.heldOn ?? row.held_on,
        ...(projectIds ? { projectIds } : {}),
        ...(judgeUserIds ? { judgeUserIds } : {}),
      }),
    );
    await repo.updateTour(tx, scope.cityCode, id, fields, ctx.now);
    if (projectIds) await repo.replaceSites(tx, scope.cityCode, id, projectIds);
    if (judgeUserIds) await repo.replaceJudges(tx, scope.cityCode, id, judgeUserIds);
    await appendAudit(tx, ctx, {
      action: 'observation.tour.update',
      targetType: 'observation_tour',
      targetId: id,
      before: { title: row.title, year: row.year, quarter: row.quarter, heldOn: row.held_on, criteria: row.criteria },
      after: input,
    });
  });
  return await getTour(db, ctx, id);
}

export async function deleteTour(db: Db, ctx: RequestContext, id: number): Promise<{ ok: true }> {
  const scope = scopeOf(requireActor(ctx), 'observation.manage');
  await db.transaction().execute(async (tx) => {
    const { row } = await loadTour(tx, ctx, id, 'update');
    mustBe(row, 'draft', 'observation.notDraft');
    await repo.deleteTour(tx, scope.cityCode, id);
    await appendAudit(tx, ctx, {
      action: 'observation.tour.delete',
      targetType: 'observation_tour',
      targetId: id,
      before: { title: row.title },
    });
  });
  return { ok: true };
}

/** Open a draft for scoring (its criteria, sites and judges are fixed from now on), or close a tour being scored (its scores are final). */
export async function moveTour(db: Db, ctx: RequestContext, id: number, version: number, to: 'scoring' | 'closed'): Promise<Tour> {
  const scope = scopeOf(requireActor(ctx), 'observation.manage');
  await db.transaction().execute(async (tx) => {
    const { row } = await loadTour(tx, ctx, id, 'update');
    stale(row, version);
    mustBe(row, to === 'scoring' ? 'draft' : 'scoring', to === 'scoring' ? 'observation.notDraft' : 'observation.notScoring');
    if (to === 'closed' && !(await repo.scoresOf(tx, scope.cityCode, [id])).length) {
      throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.nothingScored' });
    }
    await repo.updateTour(
      tx,
      scope.cityCode,
      id,
      { status: to },
      ctx.now,
      to === 'scoring' ? { openedAt: ctx.now } : { closedAt: ctx.now },
    );
    if (to === 'scoring') {
      // Each judge is told, in the inbox and by the deployment's channels, how many sites are theirs.
      const [sites, judges] = await Promise.all([repo.sitesOf(tx, scope.cityCode, [id]), repo.judgesOf(tx, scope.cityCode, [id])]);
      for (const judge of judges.filter((j) => j.user_id !== ctx.actor?.userId)) {
        await notify(tx, scope.cityCode, ctx.now, {
          kind: 'observation.opened',
          message: 'notify.observation.opened',
          params: { title: row.title, date: row.held_on, sites: sites.filter((s) => !isRecused(recusalPath(judge), s.unit_path)).length },
          link: `/observation/${id}`,
          userIds: [judge.user_id],
        });
      }
    }
    await appendAudit(tx, ctx, {
      action: to === 'scoring' ? 'observation.tour.open' : 'observation.tour.close',
      targetType: 'observation_tour',
      targetId: id,
      before: { status: row.status },
      after: { status: to },
    });
  });
  return await getTour(db, ctx, id);
}

/** A judge's points for a site, taken while the tour is scoring; a second call revises them. */
export async function scoreSite(db: Db, ctx: RequestContext, id: number, projectId: number, input: SiteScoreInput): Promise<Tour> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'observation.score');
  await db.transaction().execute(async (tx) => {
    // FOR SHARE: a close (FOR UPDATE) waits for the scores being written, and no score follows a close.
    const { row } = await loadTour(tx, ctx, id, 'share');
    const site = (await repo.sitesOf(tx, scope.cityCode, [id])).find((s) => s.project_id === projectId);
    if (!site) throw notFound();
    const judge = (await repo.judgesOf(tx, scope.cityCode, [id])).find((j) => j.user_id === actor.userId);
    if (!judge) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.notJudge' });
    if (row.status !== 'scoring') throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.notScoring' });
    if (isRecused(recusalPath(judge), site.unit_path)) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.recused' });
    const criteria = row.criteria;
    const name = (key: string) => criteria.find((c) => c.key === key)?.[ctx.locale === 'en-US' ? 'nameEn' : 'nameZh'] ?? key;
    refuse(
      pointsProblems(criteria, input.points).map((p) => ({
        path: `points.${p.key}`,
        key: p.problem === 'missing' ? 'observation.pointsMissing' : 'observation.unknownCriterion',
        params: { criterion: name(p.key) },
      })),
    );
    await repo.upsertScore(tx, {
      cityCode: scope.cityCode,
      tourId: id,
      projectId,
      userId: actor.userId,
      points: input.points,
      note: input.note || null,
      at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'observation.score',
      targetType: 'observation_tour',
      targetId: id,
      after: { projectId, points: input.points, note: input.note || null, total: shown(judgeTotal(criteria, input.points)) },
    });
  });
  return await getTour(db, ctx, id);
}

export async function getTour(db: Executor, ctx: RequestContext, id: number): Promise<Tour> {
  const actor = requireActor(ctx);
  const { row, canManage } = await loadTour(db, ctx, id);
  const [sites, judges, scores, photos] = await Promise.all([
    repo.sitesOf(db, row.city_code, [id]),
    repo.judgesOf(db, row.city_code, [id]),
    repo.scoresOf(db, row.city_code, [id]),
    repo.photosOf(db, row.city_code, id),
  ]);
  const me = judges.find((j) => j.user_id === actor.userId) ?? null;
  const toPhoto = (p: repo.PhotoRow): TourPhoto => ({
    id: p.id,
    filename: p.filename,
    takenAt: p.taken_at?.toISOString() ?? null,
    latitude: p.latitude === null ? null : Number(p.latitude),
    longitude: p.longitude === null ? null : Number(p.longitude),
    createdBy: p.created_name,
    createdAt: p.created_at.toISOString(),
    mine: p.created_by === actor.userId,
  });
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    quarter: row.quarter,
    heldOn: row.held_on,
    status: row.status as ObservationStatus,
    criteria: row.criteria,
    sites: sites.map((s) => {
      const mine = me ? scores.find((x) => x.project_id === s.project_id && x.user_id === me.user_id) : undefined;
      return {
        projectId: s.project_id,
        projectName: s.project_name,
        unitId: s.unit_id,
        unitName: s.unit_name,
        position: s.position,
        scoredBy: scores.filter((x) => x.project_id === s.project_id).length,
        expectedBy: judges.filter((j) => !isRecused(recusalPath(j), s.unit_path)).length,
        myScore: mine
          ? {
              points: mine.points,
              note: mine.note,
              total: shown(judgeTotal(row.criteria, mine.points)),
              scoredAt: mine.scored_at.toISOString(),
            }
          : null,
        recused: me !== null && isRecused(recusalPath(me), s.unit_path),
        photos: photos.filter((p) => p.project_id === s.project_id).map(toPhoto),
      };
    }),
    judges: judges.map((j) => ({
      userId: j.user_id,
      displayName: j.display_name,
      role: j.role as Role,
      scopeUnitId: j.scope_unit_id,
      scopeUnitName: j.scope_unit_name,
      scored: scores.filter((x) => x.user_id === j.user_id).length,
      toScore: sites.filter((s) => !isRecused(recusalPath(j), s.unit_path)).length,
    })),
    isJudge: me !== null,
    canSeeResults: row.status === 'closed' || canManage,
    version: row.version,
    openedAt: row.opened_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function resultsOf(
  row: repo.TourRow,
  sites: readonly repo.SiteRow[],
  judges: readonly { user_id: number; display_name: string }[],
  scores: readonly repo.ScoreRow[],
): TourResults {
  const criteria: readonly ObservationCriterion[] = row.criteria;
  const computed = tourScores(
    criteria,
    sites.map((s) => ({
      siteId: s.project_id,
      unitId: s.unit_id,
      scores: scores.filter((x) => x.project_id === s.project_id).map((x) => ({ judgeId: x.user_id, points: x.points })),
    })),
    TRIM,
  );
  const nameOf = new Map(judges.map((j) => [j.user_id, j.display_name]));
  const site = new Map(sites.map((s) => [s.project_id, s]));
  const noteOf = (projectId: number, userId: number) =>
    scores.find((x) => x.project_id === projectId && x.user_id === userId)?.note ?? null;
  return {
    tourId: row.id,
    status: row.status as ObservationStatus,
    trimFrom: TRIM,
    sites: computed.sites.map((s) => ({
      projectId: s.siteId,
      projectName: site.get(s.siteId)!.project_name,
      unitId: s.unitId,
      unitName: site.get(s.siteId)!.unit_name,
      judges: s.judges.map((j) => ({
        userId: j.judgeId,
        displayName: nameOf.get(j.judgeId) ?? '',
        total: shown(j.total),
        dropped: j.dropped,
        note: noteOf(s.siteId, j.judgeId),
      })),
      score: s.score === null ? null : shown(s.score),
      rank: s.rank,
    })),
    units: computed.units.map((u) => ({
      unitId: u.unitId,
      unitName: sites.find((s) => s.unit_id === u.unitId)!.unit_name,
      score: shown(u.score),
      siteCount: u.siteCount,
      rank: u.rank,
    })),
  };
}

async function loadResults(db: Executor, ctx: RequestContext, id: number) {
  const { row, canManage } = await loadTour(db, ctx, id);
  if (row.status !== 'closed' && !canManage) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.resultsHidden' });
  const [sites, judges, scores] = await Promise.all([
    repo.sitesOf(db, row.city_code, [id]),
    repo.judgesOf(db, row.city_code, [id]),
    repo.scoresOf(db, row.city_code, [id]),
  ]);
  return { row, judges, results: resultsOf(row, sites, judges, scores) };
}

export async function tourResults(db: Executor, ctx: RequestContext, id: number): Promise<TourResults> {
  return (await loadResults(db, ctx, id)).results;
}

const h = exportColumn;

/** The results as .xlsx: a row per site in rank order, each judge's total (dropped ones marked), the unit's score and rank. Audited. */
export async function exportResults(db: Db, ctx: RequestContext, id: number) {
  const { row, judges, results } = await loadResults(db, ctx, id);
  await recordAuditEvent(db, ctx, {
    action: 'observation.export',
    targetType: 'observation_tour',
    targetId: id,
    after: { sites: results.sites.length },
  });
  const en = ctx.locale === 'en-US';
  const unitOf = new Map(results.units.map((u) => [u.unitId, u]));
  const columns = [
    h('排名', 'Rank', 8),
    h('项目', 'Project', 36),
    h('单位', 'Unit', 20),
    h('得分', 'Score', 10),
    ...judges.map((j) => h(j.display_name, j.display_name, 12)),
    h('单位得分', 'Unit score', 12),
    h('单位排名', 'Unit rank', 10),
  ];
  const dropped = en ? ' (dropped)' : '（去掉）';
  const ordered = [...results.sites].sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
  async function* lines() {
    for (const s of ordered) {
      const unit = unitOf.get(s.unitId);
      yield [
        s.rank,
        s.projectName,
        s.unitName,
        s.score === null ? null : Number(s.score),
        ...judges.map((j) => {
          const total = s.judges.find((x) => x.userId === j.user_id);
          return total ? (total.dropped ? `${total.total}${dropped}` : Number(total.total)) : null;
        }),
        unit ? Number(unit.score) : null,
        unit?.rank ?? null,
      ];
    }
  }
  return { title: row.title, stream: exportWorkbook(columns, lines(), ctx.locale, en ? 'Observation scores' : '观摩得分') };
}

/**
 * A unit's place in the closed tours of a year (or one quarter of it), for the quarterly and
 * annual packs: the unit's score and rank among the units scored in each tour.
 */
export async function unitObservations(
  db: Executor,
  cityCode: string,
  unitId: number,
  year: number,
  quarter: number | null,
): Promise<UnitObservation[]> {
  const tours = await repo.closedTours(db, cityCode, year, quarter);
  if (!tours.length) return [];
  const ids = tours.map((t) => t.id);
  const [sites, scores] = await Promise.all([repo.sitesOf(db, cityCode, ids), repo.scoresOf(db, cityCode, ids)]);
  const out: UnitObservation[] = [];
  for (const tour of tours) {
    const results = resultsOf(
      tour,
      sites.filter((s) => s.tour_id === tour.id),
      [],
      scores.filter((s) => s.tour_id === tour.id),
    );
    const mine = results.units.find((u) => u.unitId === unitId);
    if (mine)
      out.push({
        tourId: tour.id,
        title: tour.title,
        heldOn: tour.held_on,
        quarter: tour.quarter,
        score: mine.score,
        rank: mine.rank,
        rankedUnits: results.units.length,
      });
  }
  return out;
}

/**
 * The site scores of the closed tours of a year (or one quarter of it), with each site's unit
 * path: for the competition (争先创优), which averages them per competing unit.
 */
export async function closedSiteScores(
  db: Executor,
  cityCode: string,
  year: number,
  quarter: number | null,
): Promise<{ tourId: number; projectId: number; unitPath: string; score: number | null }[]> {
  const tours = await repo.closedTours(db, cityCode, year, quarter);
  if (!tours.length) return [];
  const ids = tours.map((t) => t.id);
  const [sites, scores] = await Promise.all([repo.sitesOf(db, cityCode, ids), repo.scoresOf(db, cityCode, ids)]);
  return tours.flatMap((tour) => {
    const tourSites = sites.filter((s) => s.tour_id === tour.id);
    const pathOf = new Map(tourSites.map((s) => [s.project_id, s.unit_path]));
    return resultsOf(
      tour,
      tourSites,
      [],
      scores.filter((s) => s.tour_id === tour.id),
    ).sites.map((s) => ({
      tourId: tour.id,
      projectId: s.projectId,
      unitPath: pathOf.get(s.projectId)!,
      score: s.score === null ? null : Number(s.score),
    }));
  });
}

const PHOTO_PURPOSE = 'observation.photo';

/**
 * A photo of a site taken on the tour, by one of its judges or the operator while the tour is
 * scored: as a report photo, JPG or PNG by content and size-limited; count-limited per site; the EXIF time and GPS position kept.
 * The bytes go to the files module; the row and the audit record in the same transaction.
 */
export async function addPhoto(
  db: Db,
  ctx: RequestContext,
  id: number,
  projectId: number,
  upload: { filename: string; data: Buffer },
): Promise<Tour> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'observation.score');
  if (upload.data.length > REPORT_PHOTO_LIMITS.maxBytes) throw photoTooLarge();
  const type = sniffDocument(upload.data);
  if (type !== 'image/jpeg' && type !== 'image/png') throw DomainError.field('file', 'report.photoType');
  const metadata = await readPhotoMetadata(upload.data);
  await db.transaction().execute(async (tx) => {
    const { row, canManage } = await loadTour(tx, ctx, id, 'share');
    const site = (await repo.sitesOf(tx, scope.cityCode, [id])).find((s) => s.project_id === projectId);
    if (!site) throw notFound();
    const isJudge = (await repo.judgesOf(tx, scope.cityCode, [id])).some((j) => j.user_id === actor.userId);
    if (!isJudge && !canManage) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.photoNotAllowed' });
    if (row.status !== 'scoring') throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.notScoring' });
    if ((await repo.countPhotos(tx, scope.cityCode, id, projectId)) >= OBSERVATION_LIMITS.photosPerSite) {
      throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.photoLimit', params: { max: OBSERVATION_LIMITS.photosPerSite } });
    }
    const stored = await storeFile(tx, ctx, scope.cityCode, {
      purpose: PHOTO_PURPOSE,
      filename: photoFilename(upload.filename, type),
      contentType: type,
      data: upload.data,
    });
    const photoId = await repo.insertPhoto(tx, {
      city_code: scope.cityCode,
      tour_id: id,
      project_id: projectId,
      file_id: stored.id,
      taken_at: metadata.takenAt,
      latitude: metadata.latitude,
      longitude: metadata.longitude,
      created_by: actor.userId,
      created_name: actor.username,
      created_at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'observation.photo.add',
      targetType: 'observation_tour',
      targetId: id,
      after: {
        photoId,
        projectId,
        fileId: stored.id,
        filename: stored.filename,
        size: stored.sizeBytes,
        sm3: stored.sm3,
        takenAt: metadata.takenAt?.toISOString() ?? null,
        latitude: metadata.latitude,
        longitude: metadata.longitude,
      },
    });
  });
  return await getTour(db, ctx, id);
}

/** A photo's bytes, for whoever may read its tour. */
export async function photoFile(db: Executor, ctx: RequestContext, photoId: number) {
  const scope = scopeOf(requireActor(ctx), 'observation.read');
  const row = await repo.photo(db, scope.cityCode, photoId);
  if (!row) throw notFound();
  await loadTour(db, ctx, row.tour_id);
  const file = await readFile(db, scope.cityCode, row.file_id);
  if (!file) throw notFound();
  return file;
}

/** Remove one's own photo (the operator any photo) while the tour is scored; the bytes go too. Audited. */
export async function deletePhoto(db: Db, ctx: RequestContext, photoId: number): Promise<{ ok: true }> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'observation.score');
  await db.transaction().execute(async (tx) => {
    const photo = await repo.photo(tx, scope.cityCode, photoId);
    if (!photo) throw notFound();
    const { row, canManage } = await loadTour(tx, ctx, photo.tour_id, 'share');
    if (photo.created_by !== actor.userId && !canManage)
      throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.photoNotYours' });
    if (row.status !== 'scoring') throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'observation.notScoring' });
    await repo.deletePhoto(tx, scope.cityCode, photoId);
    await deleteFile(tx, scope.cityCode, photo.file_id);
    await appendAudit(tx, ctx, {
      action: 'observation.photo.delete',
      targetType: 'observation_tour',
      targetId: photo.tour_id,
      before: { photoId, projectId: photo.project_id, fileId: photo.file_id },
    });
  });
  return { ok: true };
}
