import type { CompetitionGroup, CompetitionPeriod, CompetitionResults } from '../../../contracts/index.js';
import type { Insertable } from 'kysely';
import type { Executor } from '../../db/pool.js';
import type { CompetitionEntryDocumentTable } from '../../db/schema.js';

export async function findSchemes(db: Executor, cityCode: string, year: number | undefined, withDrafts: boolean) {
  let query = db.selectFrom('competition_scheme').selectAll().where('city_code', '=', cityCode);
  if (year !== undefined) query = query.where('year', '=', year);
  if (!withDrafts) query = query.where('status', '=', 'active');
  return await query.orderBy('year', 'desc').orderBy('id', 'desc').execute();
}

export async function getScheme(db: Executor, cityCode: string, id: number, lock: 'update' | 'share' | null = null) {
  let query = db.selectFrom('competition_scheme').selectAll().where('city_code', '=', cityCode).where('id', '=', id);
  if (lock === 'update') query = query.forUpdate();
  if (lock === 'share') query = query.forShare();
  return await query.executeTakeFirst();
}
export type SchemeRow = NonNullable<Awaited<ReturnType<typeof getScheme>>>;

export async function insertScheme(
  db: Executor,
  input: {
    cityCode: string;
    year: number;
    title: string;
    groups: readonly CompetitionGroup[];
    rewardCount: number;
    warningCount: number;
    createdBy: number;
    at: Date;
  },
): Promise<number> {
  const row = await db
    .insertInto('competition_scheme')
    .values({
      city_code: input.cityCode,
      year: input.year,
      title: input.title,
      groups: JSON.stringify(input.groups),
      reward_count: input.rewardCount,
      warning_count: input.warningCount,
      created_by: input.createdBy,
      created_at: input.at,
      updated_at: input.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateScheme(
  db: Executor,
  cityCode: string,
  id: number,
  fields: { title: string; groups: readonly CompetitionGroup[]; rewardCount: number; warningCount: number },
  at: Date,
): Promise<void> {
  await db
    .updateTable('competition_scheme')
    .set((eb) => ({
      title: fields.title,
      groups: JSON.stringify(fields.groups),
      reward_count: fields.rewardCount,
      warning_count: fields.warningCount,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}

export async function activateScheme(db: Executor, cityCode: string, id: number, at: Date): Promise<void> {
  await db
    .updateTable('competition_scheme')
    .set((eb) => ({ status: 'active', activated_at: at, updated_at: at, version: eb('version', '+', 1) }))
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}

export async function deleteScheme(db: Executor, cityCode: string, id: number): Promise<void> {
  await db.deleteFrom('competition_scheme').where('city_code', '=', cityCode).where('id', '=', id).execute();
}

export async function entriesOf(db: Executor, cityCode: string, schemeId: number, period: CompetitionPeriod) {
  return await db
    .selectFrom('competition_entry')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('scheme_id', '=', schemeId)
    .where('period', '=', period)
    .orderBy('indicator_key')
    .orderBy('unit_id')
    .execute();
}

/** The documents behind a period's entered indicators, with each file's name and size. */
export async function entryDocumentsOf(db: Executor, cityCode: string, schemeId: number, period: CompetitionPeriod) {
  return await db
    .selectFrom('competition_entry_document as d')
    .innerJoin('file_blob as f', (join) => join.onRef('f.city_code', '=', 'd.city_code').onRef('f.id', '=', 'd.file_id'))
    .select(['d.indicator_key', 'd.file_id', 'd.uploaded_name', 'd.uploaded_at', 'f.filename', 'f.size_bytes'])
    .where('d.city_code', '=', cityCode)
    .where('d.scheme_id', '=', schemeId)
    .where('d.period', '=', period)
    .orderBy('d.indicator_key')
    .execute();
}

/** Set an indicator's document for a period; answers the file it replaced, if any. */
export async function putEntryDocument(db: Executor, row: Insertable<CompetitionEntryDocumentTable>): Promise<number | null> {
  const before = await db
    .selectFrom('competition_entry_document')
    .select('file_id')
    .where('city_code', '=', row.city_code)
    .where('scheme_id', '=', row.scheme_id)
    .where('period', '=', row.period)
    .where('indicator_key', '=', row.indicator_key)
    .forUpdate()
    .executeTakeFirst();
  await db
    .insertInto('competition_entry_document')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['city_code', 'scheme_id', 'period', 'indicator_key']).doUpdateSet({
        file_id: row.file_id,
        uploaded_by: row.uploaded_by,
        uploaded_name: row.uploaded_name,
        uploaded_at: row.uploaded_at,
      }),
    )
    .execute();
  return before?.file_id ?? null;
}

/** Remove an entered indicator's document for a period; returns the file it pointed at, or null when there was none. */
export async function deleteEntryDocument(
  db: Executor,
  key: { cityCode: string; schemeId: number; period: string; indicatorKey: string },
): Promise<number | null> {
  const removed = await db
    .deleteFrom('competition_entry_document')
    .where('city_code', '=', key.cityCode)
    .where('scheme_id', '=', key.schemeId)
    .where('period', '=', key.period)
    .where('indicator_key', '=', key.indicatorKey)
    .returning('file_id')
    .executeTakeFirst();
  return removed?.file_id ?? null;
}

export async function getEntry(
  db: Executor,
  cityCode: string,
  key: { schemeId: number; period: string; indicatorKey: string; unitId: number },
) {
  return await db
    .selectFrom('competition_entry')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('scheme_id', '=', key.schemeId)
    .where('period', '=', key.period)
    .where('indicator_key', '=', key.indicatorKey)
    .where('unit_id', '=', key.unitId)
    .executeTakeFirst();
}

export async function upsertEntry(
  db: Executor,
  row: {
    city_code: string;
    scheme_id: number;
    period: string;
    indicator_key: string;
    unit_id: number;
    value: string;
    evidence: string;
    entered_by: number;
    entered_name: string;
    entered_at: Date;
  },
): Promise<void> {
  await db
    .insertInto('competition_entry')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['city_code', 'scheme_id', 'period', 'indicator_key', 'unit_id']).doUpdateSet({
        value: row.value,
        evidence: row.evidence,
        entered_by: row.entered_by,
        entered_name: row.entered_name,
        entered_at: row.entered_at,
      }),
    )
    .execute();
}

export async function deleteEntry(
  db: Executor,
  cityCode: string,
  key: { schemeId: number; period: string; indicatorKey: string; unitId: number },
) {
  await db
    .deleteFrom('competition_entry')
    .where('city_code', '=', cityCode)
    .where('scheme_id', '=', key.schemeId)
    .where('period', '=', key.period)
    .where('indicator_key', '=', key.indicatorKey)
    .where('unit_id', '=', key.unitId)
    .execute();
}

/** A scheme's bonus/penalty items with their evidence file's name and size (null without one). */
function adjustments(db: Executor, cityCode: string, schemeId: number) {
  return db
    .selectFrom('competition_adjustment as a')
    .leftJoin('file_blob as f', (join) => join.onRef('f.city_code', '=', 'a.city_code').onRef('f.id', '=', 'a.evidence_file_id'))
    .selectAll('a')
    .select(['f.filename as file_name', 'f.size_bytes as file_size'])
    .where('a.city_code', '=', cityCode)
    .where('a.scheme_id', '=', schemeId);
}
export type AdjustmentRow = NonNullable<Awaited<ReturnType<typeof getAdjustment>>>;

export async function adjustmentsOf(db: Executor, cityCode: string, schemeId: number, period: CompetitionPeriod) {
  return await adjustments(db, cityCode, schemeId).where('a.period', '=', period).orderBy('a.created_at').orderBy('a.id').execute();
}

export async function getAdjustment(db: Executor, cityCode: string, schemeId: number, id: number) {
  return await adjustments(db, cityCode, schemeId).where('a.id', '=', id).executeTakeFirst();
}

export async function insertAdjustment(
  db: Executor,
  row: {
    city_code: string;
    scheme_id: number;
    period: string;
    unit_id: number;
    points: string;
    reason: string;
    evidence: string;
    created_by: number;
    created_name: string;
    created_at: Date;
  },
) {
  return await db.insertInto('competition_adjustment').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteAdjustment(db: Executor, cityCode: string, id: number): Promise<void> {
  await db.deleteFrom('competition_adjustment').where('city_code', '=', cityCode).where('id', '=', id).execute();
}

export async function setAdjustmentFile(db: Executor, cityCode: string, id: number, fileId: number): Promise<void> {
  await db
    .updateTable('competition_adjustment')
    .set({ evidence_file_id: fileId })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}

export async function getPublication(db: Executor, cityCode: string, schemeId: number, period: string) {
  return await db
    .selectFrom('competition_publication')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('scheme_id', '=', schemeId)
    .where('period', '=', period)
    .executeTakeFirst();
}

export async function insertPublication(
  db: Executor,
  row: {
    cityCode: string;
    schemeId: number;
    period: string;
    results: Omit<CompetitionResults, 'published'>;
    by: number;
    name: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('competition_publication')
    .values({
      city_code: row.cityCode,
      scheme_id: row.schemeId,
      period: row.period,
      results: JSON.stringify(row.results),
      published_by: row.by,
      published_name: row.name,
      published_at: row.at,
    })
    .execute();
}

/** The active accounts of the units' own reporting staff (scoped to the unit itself), per unit. */
export async function reportingUsersOf(db: Executor, cityCode: string, unitIds: readonly number[]) {
  if (!unitIds.length) return [];
  return await db
    .selectFrom('identity_user')
    .select(['id', 'scope_unit_id'])
    .where('city_code', '=', cityCode)
    .where('role', '=', 'reporting_unit')
    .where('scope_unit_id', 'in', unitIds)
    .where('is_active', '=', true)
    .execute();
}

/** The published periods of schemes. */
export async function publishedPeriodsOf(db: Executor, cityCode: string, schemeIds: readonly number[]) {
  if (!schemeIds.length) return [];
  return await db
    .selectFrom('competition_publication')
    .select(['scheme_id', 'period'])
    .where('city_code', '=', cityCode)
    .where('scheme_id', 'in', schemeIds)
    .execute();
}
