import { randomBytes } from 'node:crypto';
import {
  type CloseCase,
  type CodeListQuery,
  DEFAULT_INSPECTION_SETTINGS,
  type EnterpriseCode,
  type Inspection,
  type InspectionCase,
  type InspectionCaseListQuery,
  type InspectionExportQuery,
  type InspectionKind,
  type InspectionListQuery,
  type InspectionSettings,
  type InspectionStats,
  type IssuedCodes,
  type RateInspection,
  type RegisterInspection,
  type ReportUnregistered,
  type ScannedCode,
  type UpdateInspectionSettings,
  shanghaiDate,
  shanghaiDateTime,
} from '../../../contracts/index.js';
import type { Db, Executor } from '../../db/pool.js';
import { type RequestContext, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { appendAudit, recordAuditEvent } from '../audit/index.js';
import { notify, recipients } from '../notifications/index.js';
import { exportColumn, exportWorkbook } from '../sheets/index.js';
import { isOverLimit } from './domain/limit.js';
import * as repo from './repo.js';

/**
 * Enterprise code protection (企业赋码保护, 扫码入企, PRODUCT §2.9). The operator issues each
 * protected enterprise a code; an inspector of a department registers an inspection by
 * scanning it; a routine inspection beyond the year's limit for that department and
 * enterprise opens a supervision case (督办案件) at once, and so does an inspection the
 * enterprise reports as unregistered; the operator closes the cases with a finding. The
 * enterprise sees and rates every inspection of it; the city sees counts, flags and ratings
 * per department. Every write is audited.
 */

/** 128 random bits as the code's token (22 characters of base64url), printed in the QR's link. */
const newToken = () => randomBytes(16).toString('base64url');

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const yearOf = (at: Date) => Number(shanghaiDate(at).slice(0, 4));

// ---------------------------------------------------------------- settings

export async function inspectionSettings(db: Executor, cityCode: string): Promise<InspectionSettings> {
  const row = await db
    .selectFrom('inspection_settings')
    .select(['routine_limit_per_year', 'version'])
    .where('city_code', '=', cityCode)
    .executeTakeFirst();
  return row ? { routineLimitPerYear: row.routine_limit_per_year, version: row.version } : { ...DEFAULT_INSPECTION_SETTINGS, version: 0 };
}

export async function getSettings(db: Executor, ctx: RequestContext): Promise<InspectionSettings> {
  return await inspectionSettings(db, scopeOf(requireActor(ctx), 'inspection.read').cityCode);
}

export async function updateSettings(db: Db, ctx: RequestContext, input: UpdateInspectionSettings): Promise<InspectionSettings> {
  const actor = requireActor(ctx);
  const { cityCode } = scopeOf(actor, 'inspection.manage');
  return await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('inspection_settings')
      .select(['routine_limit_per_year', 'version'])
      .where('city_code', '=', cityCode)
      .forUpdate()
      .executeTakeFirst();
    if ((before?.version ?? 0) !== input.version) throw conflict();
    const values = { routine_limit_per_year: input.routineLimitPerYear, updated_by: actor.userId, updated_at: ctx.now };
    const saved = before
      ? await tx
          .updateTable('inspection_settings')
          .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
          .where('city_code', '=', cityCode)
          .returning(['routine_limit_per_year', 'version'])
          .executeTakeFirstOrThrow()
      : await tx
          .insertInto('inspection_settings')
          .values({ city_code: cityCode, ...values })
          .returning(['routine_limit_per_year', 'version'])
          .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, {
      action: 'inspection.settings.update',
      targetType: 'inspection_settings',
      targetId: cityCode,
      before: { routineLimitPerYear: before?.routine_limit_per_year ?? DEFAULT_INSPECTION_SETTINGS.routineLimitPerYear },
      after: { routineLimitPerYear: saved.routine_limit_per_year },
    });
    return { routineLimitPerYear: saved.routine_limit_per_year, version: saved.version };
  });
}

export async function listDepartments(db: Executor, ctx: RequestContext) {
  const { cityCode } = scopeOf(requireActor(ctx), 'inspection.read');
  const rows = await repo.departments(db, cityCode);
  return { items: rows.map((r) => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en })) };
}

// ---------------------------------------------------------------- codes

function toCode(row: repo.CodeRow): EnterpriseCode {
  return {
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    uscc: row.uscc,
    unitId: row.unit_id,
    token: row.token,
    issuedAt: iso(row.issued_at),
    issueCount: row.issue_count ?? 0,
  };
}

export async function listCodes(db: Executor, ctx: RequestContext, query: CodeListQuery) {
  const { cityCode } = scopeOf(requireActor(ctx), 'inspection.manage');
  const { rows, total } = await repo.findCodes(db, cityCode, query);
  return { items: rows.map(toCode), total, page: query.page, pageSize: query.pageSize };
}

/** Issue an enterprise its code, or a new one (the old QR stops working: a lost or copied code). */
export async function issueCode(db: Db, ctx: RequestContext, enterpriseId: number): Promise<EnterpriseCode> {
  const actor = requireActor(ctx);
  const { cityCode } = scopeOf(actor, 'inspection.manage');
  return await db.transaction().execute(async (tx) => {
    // An active enterprise of the city, its row locked while its code changes.
    const [current] = await repo.codesOfEnterprises(tx, cityCode, [enterpriseId]);
    if (!current) throw DomainError.field('enterpriseId', 'validation.referenceNotFound');
    const { issue_count } = await repo.upsertCode(tx, cityCode, enterpriseId, newToken(), actor.userId, ctx.now);
    // The token itself stays out of the audit trail: a record must not let anyone print a code.
    await appendAudit(tx, ctx, {
      action: current.token ? 'inspection.code.reissue' : 'inspection.code.issue',
      targetType: 'org_enterprise',
      targetId: enterpriseId,
      after: { issueCount: issue_count },
    });
    return toCode((await repo.getCode(tx, cityCode, enterpriseId))!);
  });
}

/**
 * Codes for the enterprises chosen (a page of the list): each without one gets its first code,
 * those holding one keep it (a re-issue voids a printed QR: one enterprise at a time). All or
 * nothing: an enterprise outside the city refuses the batch. One audit record names them.
 */
export async function issueCodes(db: Db, ctx: RequestContext, enterpriseIds: readonly number[]): Promise<IssuedCodes> {
  const actor = requireActor(ctx);
  const { cityCode } = scopeOf(actor, 'inspection.manage');
  return await db.transaction().execute(async (tx) => {
    const found = await repo.codesOfEnterprises(tx, cityCode, enterpriseIds);
    const byId = new Map(found.map((c) => [c.enterprise_id, c]));
    const missing = enterpriseIds.findIndex((id) => !byId.has(id));
    if (missing >= 0) throw DomainError.field(`enterpriseIds.${missing}`, 'validation.referenceNotFound');
    const fresh = enterpriseIds.filter((id) => !byId.get(id)!.token);
    for (const id of fresh) await repo.upsertCode(tx, cityCode, id, newToken(), actor.userId, ctx.now);
    await appendAudit(tx, ctx, {
      action: 'inspection.code.issue',
      targetType: 'org_enterprise',
      after: { enterpriseIds: fresh, kept: enterpriseIds.length - fresh.length },
    });
    return { issued: fresh.length, kept: enterpriseIds.length - fresh.length };
  });
}

export async function myCode(db: Executor, ctx: RequestContext): Promise<EnterpriseCode> {
  const scope = scopeOf(requireActor(ctx), 'inspection.rate');
  if (scope.kind !== 'enterprise') throw new DomainError('FORBIDDEN');
  const row = await repo.getCode(db, scope.cityCode, scope.enterpriseId);
  if (!row) throw notFound();
  return toCode(row);
}

/** The inspector's own department: the unit the account is scoped to. */
function departmentOf(ctx: RequestContext) {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'inspection.register');
  if (scope.kind !== 'subtree') throw new DomainError('FORBIDDEN');
  return { actor, cityCode: scope.cityCode, departmentId: scope.unitId };
}

const voidCode = () => new DomainError('NOT_FOUND', { key: 'inspection.codeNotFound' });

/** What the inspector sees after scanning: whose code it is and how often the department came this year. */
export async function scanCode(db: Executor, ctx: RequestContext, token: string): Promise<ScannedCode> {
  const { cityCode, departmentId } = departmentOf(ctx);
  const code = await repo.codeByToken(db, cityCode, token, false);
  if (!code) throw voidCode();
  const year = yearOf(ctx.now);
  const [routineThisYear, settings] = await Promise.all([
    repo.routineCount(db, cityCode, code.enterprise_id, departmentId, year),
    inspectionSettings(db, cityCode),
  ]);
  return {
    enterpriseId: code.enterprise_id,
    enterpriseName: code.enterprise_name,
    uscc: code.uscc,
    unitId: code.unit_id,
    departmentId,
    year,
    routineThisYear,
    routineLimitPerYear: settings.routineLimitPerYear,
  };
}

// ---------------------------------------------------------------- inspections

function toInspection(row: repo.InspectionRow): Inspection {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    departmentId: row.department_id,
    kind: row.kind as InspectionKind,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    inspectors: row.inspectors,
    registeredAt: row.registered_at.toISOString(),
    registeredBy: row.registered_by,
    overLimit: row.over_limit,
    rating: row.rating,
    ratingComment: row.rating_comment,
    ratedAt: iso(row.rated_at),
  };
}

/**
 * Register an inspection by its code. The enterprise's code row is locked while the
 * department's routine inspections of the year are counted, so two registrations at the same
 * door cannot both stay under the limit. Over the limit the registration is still recorded
 * (the inspectors are at the door; refusing would only push them to enter unregistered) and a
 * supervision case is opened with it.
 */
export async function registerInspection(db: Db, ctx: RequestContext, input: RegisterInspection): Promise<Inspection> {
  const { actor, cityCode, departmentId } = departmentOf(ctx);
  const year = yearOf(ctx.now);
  const today = shanghaiDate(ctx.now);
  const id = await db.transaction().execute(async (tx) => {
    const code = await repo.codeByToken(tx, cityCode, input.token, true);
    if (!code) throw voidCode();
    const { routineLimitPerYear: limit } = await inspectionSettings(tx, cityCode);
    const before = await repo.routineCount(tx, cityCode, code.enterprise_id, departmentId, year);
    const overLimit = isOverLimit(input.kind, before, limit);
    const inspectors = input.inspectors.map((i) => ({ name: i.name, certificateNo: i.certificateNo.toUpperCase() }));
    const { id } = await tx
      .insertInto('inspection')
      .values({
        city_code: cityCode,
        enterprise_id: code.enterprise_id,
        department_id: departmentId,
        year,
        kind: input.kind,
        purpose: input.purpose,
        legal_basis: input.legalBasis,
        inspectors: JSON.stringify(inspectors),
        over_limit: overLimit,
        registered_by: actor.userId,
        registered_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const caseId = overLimit
      ? (
          await tx
            .insertInto('inspection_case')
            .values({
              city_code: cityCode,
              kind: 'over_limit',
              enterprise_id: code.enterprise_id,
              department_id: departmentId,
              inspection_id: id,
              occurred_on: today,
              opened_by: actor.userId,
              opened_at: ctx.now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      : null;
    await appendAudit(tx, ctx, {
      action: 'inspection.register',
      targetType: 'inspection',
      targetId: id,
      after: {
        enterpriseId: code.enterprise_id,
        departmentId,
        kind: input.kind,
        purpose: input.purpose,
        legalBasis: input.legalBasis,
        inspectors,
        routineBefore: before,
        limit,
        overLimit,
        caseId,
      },
    });
    const department = await departmentName(tx, cityCode, departmentId);
    await notify(tx, cityCode, ctx.now, {
      kind: 'inspection.registered',
      message: 'notify.inspection.registered',
      params: { department, date: today, purpose: input.purpose },
      link: '/inspections',
      userIds: await recipients.ofEnterprise(tx, cityCode, code.enterprise_id),
    });
    if (overLimit)
      await notify(tx, cityCode, ctx.now, {
        kind: 'inspection.case',
        message: 'notify.inspection.overLimit',
        params: { department, enterprise: code.enterprise_name, limit },
        link: '/inspections?tab=cases',
        userIds: await recipients.byRoles(tx, cityCode, ['city_operator']),
      });
    return id;
  });
  return toInspection((await repo.getInspection(db, { kind: 'city', cityCode }, id))!);
}

async function departmentName(db: Executor, cityCode: string, id: number): Promise<string> {
  const row = await db.selectFrom('org_unit').select('name_zh').where('city_code', '=', cityCode).where('id', '=', id).executeTakeFirst();
  return row?.name_zh ?? String(id);
}

export async function listInspections(db: Executor, ctx: RequestContext, query: InspectionListQuery) {
  const scope = scopeOf(requireActor(ctx), 'inspection.read');
  const { page, pageSize, ...filter } = query;
  const { rows, total } = await repo.findInspections(db, scope, filter, { page, pageSize });
  return { items: rows.map(toInspection), total, page, pageSize };
}

const KIND_LABEL: Record<InspectionKind, { zh: string; en: string }> = {
  routine: { zh: '日常检查', en: 'Routine' },
  random: { zh: '双随机抽查', en: 'Random (双随机)' },
  complaint: { zh: '投诉举报核查', en: 'Complaint' },
  emergency: { zh: '应急/专项检查', en: 'Emergency / special' },
};

/** The filtered list as .xlsx: what the page shows, every row. */
export async function exportInspections(db: Db, ctx: RequestContext, filter: InspectionExportQuery) {
  const scope = scopeOf(requireActor(ctx), 'inspection.read');
  const { rows } = await repo.findInspections(db, scope, filter, null);
  await recordAuditEvent(db, ctx, { action: 'inspection.export', targetType: 'inspection', after: { filter, rows: rows.length } });
  const en = ctx.locale === 'en-US';
  const names = new Map((await repo.departments(db, scope.cityCode)).map((d) => [d.id, en ? (d.name_en ?? d.name_zh) : d.name_zh]));
  const columns = [
    exportColumn('登记时间', 'Registered at', 18),
    exportColumn('企业', 'Enterprise', 30),
    exportColumn('检查部门', 'Department', 20),
    exportColumn('检查类型', 'Kind', 14),
    exportColumn('检查事项', 'Purpose', 30),
    exportColumn('执法依据', 'Legal basis', 30),
    exportColumn('执法人员（执法证号）', 'Inspectors (certificate)', 36),
    exportColumn('登记人', 'Registered by', 12),
    exportColumn('超频次', 'Over the limit', 10),
    exportColumn('企业评价', 'Rating', 10),
    exportColumn('评价意见', 'Comment', 30),
  ];
  const yes = en ? 'yes' : '是';
  async function* lines() {
    for (const r of rows) {
      yield [
        shanghaiDateTime(r.registered_at),
        r.enterprise_name,
        names.get(r.department_id) ?? String(r.department_id),
        KIND_LABEL[r.kind as InspectionKind][en ? 'en' : 'zh'],
        r.purpose,
        r.legal_basis,
        r.inspectors.map((i) => `${i.name}（${i.certificateNo}）`).join(en ? '; ' : '；'),
        r.registered_by,
        r.over_limit ? yes : '',
        r.rating,
        r.rating_comment,
      ];
    }
  }
  return exportWorkbook(columns, lines(), ctx.locale, en ? 'Inspections' : '涉企检查');
}

/** The enterprise rates an inspection of it, once. */
export async function rateInspection(db: Db, ctx: RequestContext, id: number, input: RateInspection): Promise<Inspection> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'inspection.rate');
  await db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('inspection')
      .set({ rating: input.rating, rating_comment: input.comment || null, rated_by: actor.userId, rated_at: ctx.now })
      .where('city_code', '=', scope.cityCode)
      .where('id', '=', id)
      .where('enterprise_id', '=', scope.kind === 'enterprise' ? scope.enterpriseId : -1)
      .where('rating', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      const exists = await repo.getInspection(tx, scope, id);
      if (!exists) throw notFound();
      throw new DomainError('CONFLICT', { key: 'inspection.alreadyRated' });
    }
    await appendAudit(tx, ctx, {
      action: 'inspection.rate',
      targetType: 'inspection',
      targetId: id,
      after: { rating: input.rating, comment: input.comment || null },
    });
  });
  return toInspection((await repo.getInspection(db, scope, id))!);
}

// ---------------------------------------------------------------- supervision cases

function toCase(row: repo.CaseRow): InspectionCase {
  return {
    id: row.id,
    kind: row.kind as InspectionCase['kind'],
    status: row.status as InspectionCase['status'],
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    departmentId: row.department_id,
    inspectionId: row.inspection_id,
    occurredOn: row.occurred_on,
    description: row.description,
    openedAt: row.opened_at.toISOString(),
    finding: row.finding as InspectionCase['finding'],
    conclusion: row.conclusion,
    closedAt: iso(row.closed_at),
    closedBy: row.closed_by,
    version: row.version,
  };
}

export async function listCases(db: Executor, ctx: RequestContext, query: InspectionCaseListQuery) {
  const scope = scopeOf(requireActor(ctx), 'inspection.read');
  const { rows, total } = await repo.findCases(db, scope, query);
  return { items: rows.map(toCase), total, page: query.page, pageSize: query.pageSize };
}

/** The enterprise reports an inspection that entered without scanning its code (未扫码入企). */
export async function reportUnregistered(db: Db, ctx: RequestContext, input: ReportUnregistered): Promise<InspectionCase> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'inspection.report');
  if (scope.kind !== 'enterprise') throw new DomainError('FORBIDDEN');
  if (input.occurredOn > shanghaiDate(ctx.now)) throw DomainError.field('occurredOn', 'inspection.futureDate');
  const department = (await repo.departments(db, scope.cityCode)).find((d) => d.id === input.departmentId);
  if (!department) throw DomainError.field('departmentId', 'inspection.notDepartment');
  const id = await db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('inspection_case')
      .values({
        city_code: scope.cityCode,
        kind: 'unregistered',
        enterprise_id: scope.enterpriseId,
        department_id: input.departmentId,
        occurred_on: input.occurredOn,
        description: input.description,
        opened_by: actor.userId,
        opened_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, { action: 'inspection.case.report', targetType: 'inspection_case', targetId: id, after: input });
    const enterprise = await tx
      .selectFrom('org_enterprise')
      .select('name')
      .where('city_code', '=', scope.cityCode)
      .where('id', '=', scope.enterpriseId)
      .executeTakeFirstOrThrow();
    await notify(tx, scope.cityCode, ctx.now, {
      kind: 'inspection.case',
      message: 'notify.inspection.unregistered',
      params: { enterprise: enterprise.name, department: department.name_zh, date: input.occurredOn },
      link: '/inspections?tab=cases',
      userIds: await recipients.byRoles(tx, scope.cityCode, ['city_operator']),
    });
    return id;
  });
  return toCase((await repo.getCase(db, scope, id))!);
}

/** The operator closes a case with its finding; the enterprise that reported it is told. */
export async function closeCase(db: Db, ctx: RequestContext, id: number, input: CloseCase): Promise<InspectionCase> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'inspection.manage');
  await db.transaction().execute(async (tx) => {
    const row = await repo.getCase(tx, scope, id, true);
    if (!row) throw notFound();
    if (row.status === 'closed') throw new DomainError('CONFLICT', { key: 'inspection.caseClosed' });
    if (row.version !== input.version) throw conflict();
    await tx
      .updateTable('inspection_case')
      .set((eb) => ({
        status: 'closed',
        finding: input.finding,
        conclusion: input.conclusion,
        closed_by: actor.userId,
        closed_at: ctx.now,
        version: eb('version', '+', 1),
      }))
      .where('city_code', '=', scope.cityCode)
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, ctx, {
      action: 'inspection.case.close',
      targetType: 'inspection_case',
      targetId: id,
      before: { status: row.status },
      after: { status: 'closed', finding: input.finding, conclusion: input.conclusion },
    });
    if (row.kind === 'unregistered')
      await notify(tx, scope.cityCode, ctx.now, {
        kind: 'inspection.case',
        message: input.finding === 'substantiated' ? 'notify.inspection.closed.substantiated' : 'notify.inspection.closed.unfounded',
        params: { department: await departmentName(tx, scope.cityCode, row.department_id), date: row.occurred_on },
        link: '/inspections?tab=cases',
        userIds: await recipients.ofEnterprise(tx, scope.cityCode, row.enterprise_id),
      });
  });
  return toCase((await repo.getCase(db, scope, id))!);
}

// ---------------------------------------------------------------- supervision figures

/** Per department of the city: registrations by kind, enterprises, flags, cases and ratings of the year. */
export async function inspectionStats(db: Executor, ctx: RequestContext, year: number): Promise<InspectionStats> {
  const { cityCode } = scopeOf(requireActor(ctx), 'inspection.supervise');
  const [departments, figures, caseFigures, settings] = await Promise.all([
    repo.departments(db, cityCode),
    repo.inspectionStats(db, cityCode, year),
    repo.caseStats(db, cityCode, year),
    inspectionSettings(db, cityCode),
  ]);
  const byDepartment = new Map(figures.map((f) => [f.department_id, f]));
  const casesOf = new Map(caseFigures.map((c) => [c.department_id, c]));
  // Every department of the city, also those that registered nothing (a silence worth seeing),
  // and any unit that registered without being a department any more.
  const ids = [...new Set([...departments.map((d) => d.id), ...byDepartment.keys(), ...casesOf.keys()])];
  return {
    year,
    routineLimitPerYear: settings.routineLimitPerYear,
    rows: ids.map((departmentId) => {
      const f = byDepartment.get(departmentId);
      const c = casesOf.get(departmentId);
      return {
        departmentId,
        total: f?.total ?? 0,
        byKind: { routine: f?.routine ?? 0, random: f?.random ?? 0, complaint: f?.complaint ?? 0, emergency: f?.emergency ?? 0 },
        enterprises: f?.enterprises ?? 0,
        overLimit: f?.over_limit ?? 0,
        cases: c?.cases ?? 0,
        openCases: c?.open_cases ?? 0,
        unregistered: c?.unregistered ?? 0,
        rated: f?.rated ?? 0,
        averageRating: f && f.rated > 0 ? averageOf(f.rating_sum, f.rated) : null,
      };
    }),
  };
}

/** sum ÷ n to two decimals, rounded half up, in integers (no binary fractions). */
export function averageOf(sum: number, n: number): string {
  const hundredths = Math.floor((sum * 200 + n) / (2 * n));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
