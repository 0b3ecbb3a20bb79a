import { type ExpressionBuilder, sql } from 'kysely';
import type { InspectionCaseListQuery, InspectionExportQuery, Inspector } from '../../../contracts/index.js';
import type { Database } from '../../db/schema.js';
import type { Executor } from '../../db/pool.js';
import type { Scope } from '../../lib/context.js';

export interface CodeRow {
  enterprise_id: number;
  enterprise_name: string;
  uscc: string;
  unit_id: number;
  token: string | null;
  issued_at: Date | null;
  issue_count: number | null;
}

const codeColumns = (eb: ExpressionBuilder<Database, 'org_enterprise' | 'enterprise_code'>) => [
  eb.ref('org_enterprise.id').as('enterprise_id'),
  eb.ref('org_enterprise.name').as('enterprise_name'),
  eb.ref('org_enterprise.uscc').as('uscc'),
  eb.ref('org_enterprise.unit_id').as('unit_id'),
  eb.ref('enterprise_code.token').as('token'),
  eb.ref('enterprise_code.issued_at').as('issued_at'),
  eb.ref('enterprise_code.issue_count').as('issue_count'),
];

function codesOf(db: Executor, cityCode: string) {
  return db
    .selectFrom('org_enterprise')
    .leftJoin('enterprise_code', (j) =>
      j
        .onRef('enterprise_code.city_code', '=', 'org_enterprise.city_code')
        .onRef('enterprise_code.enterprise_id', '=', 'org_enterprise.id'),
    )
    .where('org_enterprise.city_code', '=', cityCode);
}

export async function findCodes(
  db: Executor,
  cityCode: string,
  query: { q?: string | undefined; issued?: boolean | undefined; page: number; pageSize: number },
): Promise<{ rows: CodeRow[]; total: number }> {
  let base = codesOf(db, cityCode).where('org_enterprise.is_active', '=', true);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('org_enterprise.name', 'ilike', like), eb('org_enterprise.uscc', 'ilike', like)]));
  }
  if (query.issued !== undefined) base = base.where('enterprise_code.token', query.issued ? 'is not' : 'is', null);
  const [rows, count] = await Promise.all([
    base
      .select(codeColumns)
      .orderBy('org_enterprise.name')
      .orderBy('org_enterprise.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function getCode(db: Executor, cityCode: string, enterpriseId: number): Promise<CodeRow | undefined> {
  return await codesOf(db, cityCode).where('org_enterprise.id', '=', enterpriseId).select(codeColumns).executeTakeFirst();
}

/** The codes (or none) of the given enterprises of the city, their rows locked while codes are issued. */
export async function codesOfEnterprises(db: Executor, cityCode: string, ids: readonly number[]): Promise<CodeRow[]> {
  return await codesOf(db, cityCode)
    .where('org_enterprise.id', 'in', [...ids])
    .where('org_enterprise.is_active', '=', true)
    .select(codeColumns)
    .forUpdate('org_enterprise')
    .execute();
}

/** The enterprise holding a token, its code row locked so that registrations of one enterprise are counted in turn. */
export async function codeByToken(db: Executor, cityCode: string, token: string, lock: boolean): Promise<CodeRow | undefined> {
  let q = codesOf(db, cityCode).where('enterprise_code.token', '=', token).where('org_enterprise.is_active', '=', true).select(codeColumns);
  if (lock) q = q.forUpdate('enterprise_code');
  return await q.executeTakeFirst();
}

export async function upsertCode(db: Executor, cityCode: string, enterpriseId: number, token: string, by: number, at: Date) {
  return await db
    .insertInto('enterprise_code')
    .values({ city_code: cityCode, enterprise_id: enterpriseId, token, issued_by: by, issued_at: at })
    .onConflict((oc) =>
      oc.columns(['city_code', 'enterprise_id']).doUpdateSet({
        token,
        issued_by: by,
        issued_at: at,
        issue_count: sql<number>`enterprise_code.issue_count + 1`,
      }),
    )
    .returning(['issue_count'])
    .executeTakeFirstOrThrow();
}

export async function routineCount(db: Executor, cityCode: string, enterpriseId: number, departmentId: number, year: number) {
  const row = await db
    .selectFrom('inspection')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('city_code', '=', cityCode)
    .where('enterprise_id', '=', enterpriseId)
    .where('department_id', '=', departmentId)
    .where('year', '=', year)
    .where('kind', '=', 'routine')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface InspectionRow {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  department_id: number;
  kind: string;
  purpose: string;
  legal_basis: string;
  inspectors: Inspector[];
  registered_at: Date;
  registered_by: string;
  over_limit: boolean;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
}

function inspections(db: Executor, cityCode: string) {
  return db
    .selectFrom('inspection as i')
    .innerJoin('org_enterprise as e', (j) => j.onRef('e.city_code', '=', 'i.city_code').onRef('e.id', '=', 'i.enterprise_id'))
    .innerJoin('org_unit as d', (j) => j.onRef('d.city_code', '=', 'i.city_code').onRef('d.id', '=', 'i.department_id'))
    .innerJoin('identity_user as u', 'u.id', 'i.registered_by')
    .where('i.city_code', '=', cityCode);
}
type InspectionQuery = ReturnType<typeof inspections>;

const inspectionColumns = [
  'i.id',
  'i.enterprise_id',
  'e.name as enterprise_name',
  'i.department_id',
  'i.kind',
  'i.purpose',
  'i.legal_basis',
  'i.inspectors',
  'i.registered_at',
  'u.display_name as registered_by',
  'i.over_limit',
  'i.rating',
  'i.rating_comment',
  'i.rated_at',
] as const;

/** The rows a scope reaches: the whole city, a department's own (and its sub-units'), an enterprise's own. */
function scoped(q: InspectionQuery, scope: Scope): InspectionQuery {
  if (scope.kind === 'subtree') return q.where('d.path', 'like', `${scope.path}%`);
  if (scope.kind === 'enterprise') return q.where('i.enterprise_id', '=', scope.enterpriseId);
  return q;
}

function filtered(q: InspectionQuery, f: InspectionExportQuery): InspectionQuery {
  if (f.year !== undefined) q = q.where('i.year', '=', f.year);
  if (f.departmentId !== undefined) q = q.where('i.department_id', '=', f.departmentId);
  if (f.enterpriseId !== undefined) q = q.where('i.enterprise_id', '=', f.enterpriseId);
  if (f.kind !== undefined) q = q.where('i.kind', '=', f.kind);
  if (f.overLimit !== undefined) q = q.where('i.over_limit', '=', f.overLimit);
  if (f.rated !== undefined) q = q.where('i.rating', f.rated ? 'is not' : 'is', null);
  return q;
}

export async function findInspections(
  db: Executor,
  scope: Scope,
  f: InspectionExportQuery,
  page: { page: number; pageSize: number } | null,
): Promise<{ rows: InspectionRow[]; total: number }> {
  const base = filtered(scoped(inspections(db, scope.cityCode), scope), f);
  let rows = base.select(inspectionColumns).orderBy('i.registered_at', 'desc').orderBy('i.id', 'desc');
  if (page) rows = rows.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const [items, count] = await Promise.all([
    rows.execute(),
    page ? base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow() : null,
  ]);
  return { rows: items as InspectionRow[], total: count ? Number(count.n) : items.length };
}

export async function getInspection(db: Executor, scope: Scope, id: number): Promise<InspectionRow | undefined> {
  return (await scoped(inspections(db, scope.cityCode), scope).where('i.id', '=', id).select(inspectionColumns).executeTakeFirst()) as
    | InspectionRow
    | undefined;
}

export interface CaseRow {
  id: number;
  kind: string;
  status: string;
  enterprise_id: number;
  enterprise_name: string;
  department_id: number;
  inspection_id: number | null;
  occurred_on: string;
  description: string | null;
  opened_at: Date;
  finding: string | null;
  conclusion: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  version: number;
}

function cases(db: Executor, scope: Scope) {
  let q = db
    .selectFrom('inspection_case as c')
    .innerJoin('org_enterprise as e', (j) => j.onRef('e.city_code', '=', 'c.city_code').onRef('e.id', '=', 'c.enterprise_id'))
    .innerJoin('org_unit as d', (j) => j.onRef('d.city_code', '=', 'c.city_code').onRef('d.id', '=', 'c.department_id'))
    .leftJoin('identity_user as cu', 'cu.id', 'c.closed_by')
    .where('c.city_code', '=', scope.cityCode);
  if (scope.kind === 'subtree') q = q.where('d.path', 'like', `${scope.path}%`);
  if (scope.kind === 'enterprise') q = q.where('c.enterprise_id', '=', scope.enterpriseId);
  return q;
}

const caseColumns = [
  'c.id',
  'c.kind',
  'c.status',
  'c.enterprise_id',
  'e.name as enterprise_name',
  'c.department_id',
  'c.inspection_id',
  'c.occurred_on',
  'c.description',
  'c.opened_at',
  'c.finding',
  'c.conclusion',
  'c.closed_at',
  'cu.display_name as closed_by',
  'c.version',
] as const;

export async function findCases(db: Executor, scope: Scope, f: InspectionCaseListQuery): Promise<{ rows: CaseRow[]; total: number }> {
  let base = cases(db, scope);
  if (f.year !== undefined) base = base.where('c.occurred_on', '>=', `${f.year}-01-01`).where('c.occurred_on', '<=', `${f.year}-12-31`);
  if (f.status !== undefined) base = base.where('c.status', '=', f.status);
  if (f.kind !== undefined) base = base.where('c.kind', '=', f.kind);
  if (f.departmentId !== undefined) base = base.where('c.department_id', '=', f.departmentId);
  const [rows, count] = await Promise.all([
    base
      .select(caseColumns)
      // Open cases first, then the newest.
      .orderBy(sql`c.status = 'open'`, 'desc')
      .orderBy('c.opened_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function getCase(db: Executor, scope: Scope, id: number, lock = false): Promise<CaseRow | undefined> {
  let q = cases(db, scope).where('c.id', '=', id).select(caseColumns);
  if (lock) q = q.forUpdate('c');
  return await q.executeTakeFirst();
}

export async function departments(db: Executor, cityCode: string) {
  return await db
    .selectFrom('org_unit')
    .select(['id', 'name_zh', 'name_en', 'path'])
    .where('city_code', '=', cityCode)
    .where('kind', '=', 'department')
    .where('is_active', '=', true)
    .orderBy('name_zh')
    .execute();
}

export interface StatsRow {
  department_id: number;
  total: number;
  routine: number;
  random: number;
  complaint: number;
  emergency: number;
  enterprises: number;
  over_limit: number;
  rated: number;
  rating_sum: number;
}

/** Per department of the city: the year's registrations by kind, flags and ratings. */
export async function inspectionStats(db: Executor, cityCode: string, year: number): Promise<StatsRow[]> {
  const result = await sql<StatsRow>`
    SELECT department_id,
      count(*)::int AS total,
      (count(*) FILTER (WHERE kind = 'routine'))::int AS routine,
      (count(*) FILTER (WHERE kind = 'random'))::int AS random,
      (count(*) FILTER (WHERE kind = 'complaint'))::int AS complaint,
      (count(*) FILTER (WHERE kind = 'emergency'))::int AS emergency,
      count(DISTINCT enterprise_id)::int AS enterprises,
      (count(*) FILTER (WHERE over_limit))::int AS over_limit,
      count(rating)::int AS rated,
      coalesce(sum(rating), 0)::int AS rating_sum
    FROM inspection
    WHERE city_code = ${cityCode} AND year = ${year}
    GROUP BY department_id
  `.execute(db);
  return result.rows;
}

export async function caseStats(db: Executor, cityCode: string, year: number) {
  const result = await sql<{ department_id: number; cases: number; open_cases: number; unregistered: number }>`
    SELECT department_id,
      count(*)::int AS cases,
      (count(*) FILTER (WHERE status = 'open'))::int AS open_cases,
      (count(*) FILTER (WHERE kind = 'unregistered'))::int AS unregistered
    FROM inspection_case
    WHERE city_code = ${cityCode} AND occurred_on >= make_date(${year}, 1, 1) AND occurred_on < make_date(${year} + 1, 1, 1)
    GROUP BY department_id
  `.execute(db);
  return result.rows;
}
