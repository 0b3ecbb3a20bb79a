import {
  type CommitmentItem,
  type CommitmentItemInput,
  type CreateLetter,
  type ItemKind,
  type Letter,
  type LetterKind,
  type LetterSummary,
  type MilestoneKind,
  shanghaiDate,
} from '../../../contracts/index.js';
import { fromUnits, toUnits } from '../../../contracts/money.js';
import type { Db, Executor, Tx } from '../../db/pool.js';
import { type RequestContext, type Scope, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, conflict, notFound } from '../../lib/domain-error.js';
import { escapeLike } from '../../lib/sql.js';
import { appendAudit } from '../audit/index.js';
import { readFile, sniffDocument, storeFile } from '../files/index.js';
import { getUnitRef } from '../org/index.js';
import { getProjectRef, projectFacts, startDatesUnder } from '../projects/index.js';
import { monthEnd, monthlyByProject, unitMonthly } from '../reports/index.js';
import { type ItemMeasure, type ItemState, fulfilmentRate, itemState, statusCounts } from './domain/fulfilment.js';

type LetterRow = {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  year: number;
  kind: string;
  title: string;
  status: string;
  signed_on: string | null;
  scan_file_id: number | null;
  version: number;
};

function lettersIn(db: Executor, scope: Scope) {
  let query = db
    .selectFrom('commitment_letter as l')
    .innerJoin('org_unit as u', (j) => j.onRef('u.city_code', '=', 'l.city_code').onRef('u.id', '=', 'l.unit_id'))
    .select([
      'l.id',
      'l.unit_id',
      'u.name_zh as unit_name',
      'u.path as unit_path',
      'l.year',
      'l.kind',
      'l.title',
      'l.status',
      'l.signed_on',
      'l.scan_file_id',
      'l.version',
    ])
    .where('l.city_code', '=', scope.cityCode);
  if (scope.kind === 'subtree') query = query.where('u.path', 'like', `${escapeLike(scope.path)}%`);
  if (scope.kind === 'enterprise') query = query.where('l.id', '=', -1);
  return query;
}

async function itemsOf(db: Executor, cityCode: string, letterIds: number[]) {
  if (!letterIds.length) return [];
  return await db
    .selectFrom('commitment_item as i')
    .leftJoin('project as p', (j) => j.onRef('p.city_code', '=', 'i.city_code').onRef('p.id', '=', 'i.project_id'))
    .selectAll('i')
    .select('p.name as project_name')
    .where('i.city_code', '=', cityCode)
    .where('i.letter_id', 'in', letterIds)
    .orderBy('i.letter_id')
    .orderBy('i.position')
    .execute();
}

type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

/**
 * The measures of items from the platform's data as of a date: milestone dates, the
 * investment completed this year (monthly reports up to the as-of month), projects started.
 */
async function measure(
  db: Executor,
  cityCode: string,
  letter: LetterRow,
  items: ItemRow[],
  asOf: string,
): Promise<Map<number, { measure: ItemMeasure; actual: string | null }>> {
  const projectIds = [...new Set(items.map((i) => i.project_id).filter((id): id is number => id !== null))];
  const asOfMonth = asOf.slice(0, 4) === String(letter.year) ? Number(asOf.slice(5, 7)) : asOf.slice(0, 4) > String(letter.year) ? 12 : 0;
  const facts = await projectFacts(db, cityCode, projectIds, letter.year);
  const monthly = asOfMonth > 0 ? await monthlyByProject(db, cityCode, projectIds, letter.year, asOfMonth) : new Map<number, string[]>();
  let unitMonthlyFigures: string[] | null = null;
  let unitStartDates: string[] = [];
  if (items.some((i) => i.kind === 'unit_investment' || i.kind === 'unit_starts')) {
    // Summed in SQL: a city-wide letter covers every project of the city.
    const yearEnd = `${letter.year}-12-31`;
    [unitMonthlyFigures, unitStartDates] = await Promise.all([
      asOfMonth > 0 ? unitMonthly(db, cityCode, letter.unit_path, letter.year, asOfMonth) : Array<string>(12).fill('0'),
      startDatesUnder(db, cityCode, letter.unit_path, `${letter.year}-01-01`, asOf < yearEnd ? asOf : yearEnd),
    ]);
  }
  /** The figures reached over the months: the end of the first month whose running total reaches the commitment. */
  const amountMeasure = (deadline: string, committed: string, figures: readonly string[] | undefined) => {
    let running = 0n;
    let reachedOn: string | null = null;
    (figures ?? []).forEach((v, m) => {
      running += toUnits(v);
      if (reachedOn === null && running >= toUnits(committed) && running > 0n)
        reachedOn = monthEnd(`${letter.year}-${String(m + 1).padStart(2, '0')}`);
    });
    const actual = fromUnits(running);
    return { measure: { type: 'amount' as const, deadline, committed, actual, reachedOn }, actual };
  };
  const out = new Map<number, { measure: ItemMeasure; actual: string | null }>();
  for (const item of items) {
    const project = item.project_id ? facts.get(item.project_id) : undefined;
    const dateOf = (kind: MilestoneKind) => project?.milestones.find((m) => m.kind === kind)?.actualOn ?? null;
    switch (item.kind as ItemKind) {
      case 'project_start':
      case 'project_production':
      case 'project_milestone': {
        const kind: MilestoneKind =
          item.kind === 'project_start'
            ? 'start'
            : item.kind === 'project_production'
              ? 'production'
              : (item.milestone_kind as MilestoneKind);
        const on = dateOf(kind);
        out.set(item.id, { measure: { type: 'date', deadline: item.deadline, actualOn: on }, actual: on });
        break;
      }
      case 'project_investment':
        out.set(
          item.id,
          amountMeasure(item.deadline, item.committed_amount ?? '0', item.project_id ? monthly.get(item.project_id) : undefined),
        );
        break;
      case 'unit_investment':
        out.set(item.id, amountMeasure(item.deadline, item.committed_amount ?? '0', unitMonthlyFigures ?? undefined));
        break;
      case 'unit_starts': {
        const committed = item.committed_count ?? 1;
        const reachedOn = unitStartDates[committed - 1] ?? null;
        out.set(item.id, {
          measure: { type: 'count', deadline: item.deadline, committed, actual: unitStartDates.length, reachedOn },
          actual: String(unitStartDates.length),
        });
        break;
      }
      case 'manual': {
        const on = item.manual_status === 'fulfilled' && item.manual_on && item.manual_on <= asOf ? item.manual_on : null;
        const missed = item.manual_status === 'missed' && item.manual_on && item.manual_on <= asOf;
        out.set(item.id, {
          // A recorded miss counts as the deadline passing without it.
          measure: { type: 'date', deadline: missed ? '0000-01-01' : item.deadline, actualOn: on },
          actual: item.manual_status,
        });
        break;
      }
    }
  }
  return out;
}

function toItem(row: ItemRow, state: ItemState, actual: string | null): CommitmentItem {
  return {
    id: row.id,
    position: row.position,
    kind: row.kind as ItemKind,
    projectId: row.project_id,
    projectName: row.project_name,
    milestoneKind: row.milestone_kind as MilestoneKind | null,
    deadline: row.deadline,
    committedAmount: row.committed_amount,
    committedCount: row.committed_count,
    weight: Number(row.weight),
    description: row.description,
    status: state.status,
    progress: state.progress,
    score: state.score,
    actual,
    evidence: row.manual_evidence,
  };
}

async function summarise(db: Executor, cityCode: string, letters: LetterRow[], asOf: string) {
  const items = await itemsOf(
    db,
    cityCode,
    letters.map((l) => l.id),
  );
  // The letters measured at once (each is a few queries; a city's letters are a few dozen).
  const measured = await Promise.all(
    letters.map((letter) => {
      const own = items.filter((i) => i.letter_id === letter.id);
      return measure(db, cityCode, letter, own, asOf).then((measures) => ({ own, measures }));
    }),
  );
  const out: { summary: LetterSummary; items: CommitmentItem[] }[] = [];
  for (const [index, letter] of letters.entries()) {
    const { own, measures } = measured[index]!;
    const states = own.map((i) => ({ row: i, state: itemState(measures.get(i.id)!.measure, asOf), actual: measures.get(i.id)!.actual }));
    out.push({
      summary: {
        id: letter.id,
        unitId: letter.unit_id,
        unitName: letter.unit_name,
        year: letter.year,
        kind: letter.kind as LetterKind,
        title: letter.title,
        status: letter.status as 'draft' | 'signed',
        signedOn: letter.signed_on,
        hasScan: letter.scan_file_id !== null,
        itemCount: own.length,
        fulfilmentRate: fulfilmentRate(states.map((s) => ({ weight: Number(s.row.weight), state: s.state }))),
        counts: statusCounts(states.map((s) => s.state)),
        version: letter.version,
      },
      items: states.map((s) => toItem(s.row, s.state, s.actual)),
    });
  }
  return out;
}

/**
 * Every letter of a year in the scope, of the units under a path when given, with its items as
 * of a date (for the cockpit, warnings and the packs).
 */
export async function lettersOfYear(db: Executor, scope: Scope, year: number, asOf: string, underPath?: string) {
  let query = lettersIn(db, scope).where('l.year', '=', year);
  if (underPath) query = query.where('u.path', 'like', `${escapeLike(underPath)}%`);
  const letters = (await query.orderBy('u.path').execute()) as LetterRow[];
  return (await summarise(db, scope.cityCode, letters, asOf)).map((x, i) => ({ ...x, unitPath: letters[i]!.unit_path }));
}

export async function findLetters(
  db: Executor,
  ctx: RequestContext,
  query: { year: number; unitId?: number | undefined; kind?: LetterKind | undefined; asOf?: string | undefined },
) {
  const scope = scopeOf(requireActor(ctx), 'commitment.read');
  let q = lettersIn(db, scope).where('l.year', '=', query.year);
  if (query.kind) q = q.where('l.kind', '=', query.kind);
  if (query.unitId) q = q.where('l.unit_id', '=', query.unitId);
  const letters = (await q.orderBy('u.path').execute()) as LetterRow[];
  return { items: (await summarise(db, scope.cityCode, letters, query.asOf ?? shanghaiDate(ctx.now))).map((x) => x.summary) };
}

async function loadLetter(db: Executor, scope: Scope, id: number): Promise<LetterRow | undefined> {
  return (await lettersIn(db, scope).where('l.id', '=', id).executeTakeFirst()) as LetterRow | undefined;
}

export async function getLetter(db: Executor, ctx: RequestContext, id: number, asOf?: string): Promise<Letter> {
  const scope = scopeOf(requireActor(ctx), 'commitment.read');
  const letter = await loadLetter(db, scope, id);
  if (!letter) throw notFound();
  const date = asOf ?? shanghaiDate(ctx.now);
  const [{ summary, items }] = (await summarise(db, scope.cityCode, [letter], date)) as [
    { summary: LetterSummary; items: CommitmentItem[] },
  ];
  const amendments = await db
    .selectFrom('commitment_amendment')
    .selectAll()
    .where('city_code', '=', scope.cityCode)
    .where('letter_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    ...summary,
    asOf: date,
    items,
    amendments: amendments.map((a) => ({
      id: a.id,
      reason: a.reason,
      by: a.created_name,
      at: a.created_at.toISOString(),
      before: a.before,
      after: a.after,
    })),
  };
}

/** Items must name a project of the letter's unit when they are about a project, and carry their figure. */
async function checkItems(tx: Executor, ctx: RequestContext, unitPath: string, items: readonly CommitmentItemInput[], year: number) {
  const problems: { path: string; key: Parameters<typeof DomainError.field>[1] }[] = [];
  for (const [i, item] of items.entries()) {
    const isProject = item.kind.startsWith('project_');
    if (isProject) {
      const ref = item.projectId ? await getProjectRef(tx, ctx, item.projectId, 'project.read') : null;
      const facts = ref ? (await projectFacts(tx, ctx.actor!.cityCode, [ref.id], year)).get(ref.id) : undefined;
      if (!facts || !facts.unitPath.startsWith(unitPath))
        problems.push({ path: `items.${i}.projectId`, key: 'validation.referenceNotFound' });
    } else if (item.projectId) problems.push({ path: `items.${i}.projectId`, key: 'commitment.noProject' });
    if (item.kind === 'project_milestone' && !item.milestoneKind)
      problems.push({ path: `items.${i}.milestoneKind`, key: 'validation.required' });
    if ((item.kind === 'project_investment' || item.kind === 'unit_investment') && !item.committedAmount)
      problems.push({ path: `items.${i}.committedAmount`, key: 'validation.required' });
    if (item.kind === 'unit_starts' && !item.committedCount)
      problems.push({ path: `items.${i}.committedCount`, key: 'validation.required' });
    if (!item.deadline.startsWith(String(year)) && !item.deadline.startsWith(String(year + 1)))
      problems.push({ path: `items.${i}.deadline`, key: 'commitment.deadlineYear' });
  }
  if (problems.length) throw new DomainError('VALIDATION_FAILED', { fields: problems });
}

async function writeItems(tx: Tx, cityCode: string, letterId: number, items: readonly CommitmentItemInput[]): Promise<void> {
  await tx.deleteFrom('commitment_item').where('city_code', '=', cityCode).where('letter_id', '=', letterId).execute();
  if (!items.length) return;
  await tx
    .insertInto('commitment_item')
    .values(
      items.map((item, position) => ({
        city_code: cityCode,
        letter_id: letterId,
        position,
        kind: item.kind,
        project_id: item.projectId ?? null,
        milestone_kind: item.milestoneKind ?? null,
        deadline: item.deadline,
        committed_amount: item.committedAmount ?? null,
        committed_count: item.committedCount ?? null,
        weight: item.weight ?? 1,
        description: item.description ?? null,
      })),
    )
    .execute();
}

export async function createLetter(db: Db, ctx: RequestContext, input: CreateLetter): Promise<Letter> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'commitment.manage');
  const unitId = input.unitId ?? actor.scopeUnitId;
  const unit = unitId ? await getUnitRef(db, scope.cityCode, unitId) : undefined;
  if (!unit || (scope.kind === 'subtree' && !unit.path.startsWith(scope.path)))
    throw DomainError.field('unitId', 'validation.referenceNotFound');
  const id = await db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('commitment_letter')
      .select('id')
      .where('city_code', '=', scope.cityCode)
      .where('unit_id', '=', unit.id)
      .where('year', '=', input.year)
      .where('kind', '=', input.kind)
      .executeTakeFirst();
    if (existing) throw new DomainError('CONFLICT', { key: 'commitment.exists' });
    await checkItems(tx, ctx, unit.path, input.items, input.year);
    const row = await tx
      .insertInto('commitment_letter')
      .values({
        city_code: scope.cityCode,
        unit_id: unit.id,
        year: input.year,
        kind: input.kind,
        title: input.title,
        created_by: actor.userId,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeItems(tx, scope.cityCode, row.id, input.items);
    await appendAudit(tx, ctx, { action: 'commitment.create', targetType: 'commitment_letter', targetId: row.id, after: input });
    return row.id;
  });
  return await getLetter(db, ctx, id);
}

async function loadForChange(tx: Executor, ctx: RequestContext, id: number, version: number) {
  const scope = scopeOf(requireActor(ctx), 'commitment.manage');
  const letter = await loadLetter(tx, scope, id);
  if (!letter) throw notFound();
  if (letter.version !== version) throw conflict();
  return { scope, letter };
}

async function snapshotItems(tx: Executor, cityCode: string, letterId: number) {
  return (await itemsOf(tx, cityCode, [letterId])).map((i) => ({
    kind: i.kind,
    projectId: i.project_id,
    milestoneKind: i.milestone_kind,
    deadline: i.deadline,
    committedAmount: i.committed_amount,
    committedCount: i.committed_count,
    weight: Number(i.weight),
    description: i.description,
  }));
}

/** Draft letters change freely; a signed letter only through an amendment. */
export async function updateItems(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { version: number; items: CommitmentItemInput[] },
): Promise<Letter> {
  await db.transaction().execute(async (tx) => {
    const { scope, letter } = await loadForChange(tx, ctx, id, input.version);
    if (letter.status === 'signed') throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'commitment.signedFrozen' });
    await checkItems(tx, ctx, letter.unit_path, input.items, letter.year);
    const before = await snapshotItems(tx, scope.cityCode, id);
    await writeItems(tx, scope.cityCode, id, input.items);
    await tx
      .updateTable('commitment_letter')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: ctx.now }))
      .where('city_code', '=', scope.cityCode)
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, ctx, { action: 'commitment.items', targetType: 'commitment_letter', targetId: id, before, after: input.items });
  });
  return await getLetter(db, ctx, id);
}

export async function attachScan(db: Db, ctx: RequestContext, id: number, file: { filename: string; data: Buffer }): Promise<Letter> {
  const contentType = sniffDocument(file.data);
  if (!contentType) throw DomainError.field('file', 'file.type');
  await db.transaction().execute(async (tx) => {
    const scope = scopeOf(requireActor(ctx), 'commitment.manage');
    const letter = await loadLetter(tx, scope, id);
    if (!letter) throw notFound();
    if (letter.status === 'signed') throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'commitment.signedFrozen' });
    const stored = await storeFile(tx, ctx, scope.cityCode, {
      purpose: 'commitment.scan',
      filename: file.filename,
      contentType,
      data: file.data,
    });
    await tx
      .updateTable('commitment_letter')
      .set((eb) => ({ scan_file_id: stored.id, version: eb('version', '+', 1), updated_at: ctx.now }))
      .where('city_code', '=', scope.cityCode)
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, ctx, {
      action: 'commitment.scan',
      targetType: 'commitment_letter',
      targetId: id,
      after: { fileId: stored.id, sm3: stored.sm3 },
    });
  });
  return await getLetter(db, ctx, id);
}

export async function scanOf(db: Db, ctx: RequestContext, id: number) {
  const scope = scopeOf(requireActor(ctx), 'commitment.read');
  const letter = await loadLetter(db, scope, id);
  if (!letter?.scan_file_id) throw notFound();
  const file = await readFile(db, scope.cityCode, letter.scan_file_id);
  if (!file) throw notFound();
  return file;
}

/** Signing freezes the letter; it needs the signed scan. */
export async function signLetter(db: Db, ctx: RequestContext, id: number, input: { version: number; signedOn: string }): Promise<Letter> {
  if (input.signedOn > shanghaiDate(ctx.now)) throw DomainError.field('signedOn', 'deal.dateInFuture');
  await db.transaction().execute(async (tx) => {
    const { scope, letter } = await loadForChange(tx, ctx, id, input.version);
    if (letter.status === 'signed') throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'commitment.signedFrozen' });
    if (!letter.scan_file_id) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'commitment.scanRequired' });
    await tx
      .updateTable('commitment_letter')
      .set((eb) => ({ status: 'signed', signed_on: input.signedOn, version: eb('version', '+', 1), updated_at: ctx.now }))
      .where('city_code', '=', scope.cityCode)
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, ctx, {
      action: 'commitment.sign',
      targetType: 'commitment_letter',
      targetId: id,
      after: { signedOn: input.signedOn, items: await snapshotItems(tx, scope.cityCode, id) },
    });
  });
  return await getLetter(db, ctx, id);
}

/** A recorded amendment of a signed letter: the reason, the items before and after. */
export async function amendLetter(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { version: number; reason: string; items: CommitmentItemInput[] },
): Promise<Letter> {
  const actor = requireActor(ctx);
  await db.transaction().execute(async (tx) => {
    const { scope, letter } = await loadForChange(tx, ctx, id, input.version);
    if (letter.status !== 'signed') throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'commitment.notSigned' });
    await checkItems(tx, ctx, letter.unit_path, input.items, letter.year);
    const before = await snapshotItems(tx, scope.cityCode, id);
    await writeItems(tx, scope.cityCode, id, input.items);
    await tx
      .insertInto('commitment_amendment')
      .values({
        city_code: scope.cityCode,
        letter_id: id,
        reason: input.reason,
        before: JSON.stringify(before),
        after: JSON.stringify(input.items),
        created_by: actor.userId,
        created_name: actor.username,
        created_at: ctx.now,
      })
      .execute();
    await tx
      .updateTable('commitment_letter')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: ctx.now }))
      .where('city_code', '=', scope.cityCode)
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, ctx, {
      action: 'commitment.amend',
      targetType: 'commitment_letter',
      targetId: id,
      before,
      after: { reason: input.reason, items: input.items },
    });
  });
  return await getLetter(db, ctx, id);
}

/** The outcome of a manual item (safety letters), with evidence. */
export async function recordItem(
  db: Db,
  ctx: RequestContext,
  letterId: number,
  itemId: number,
  input: { status: 'fulfilled' | 'missed'; on: string; evidence: string },
): Promise<Letter> {
  if (input.on > shanghaiDate(ctx.now)) throw DomainError.field('on', 'deal.dateInFuture');
  await db.transaction().execute(async (tx) => {
    const scope = scopeOf(requireActor(ctx), 'commitment.manage');
    const letter = await loadLetter(tx, scope, letterId);
    if (!letter) throw notFound();
    const item = await tx
      .selectFrom('commitment_item')
      .selectAll()
      .where('city_code', '=', scope.cityCode)
      .where('letter_id', '=', letterId)
      .where('id', '=', itemId)
      .executeTakeFirst();
    if (!item) throw notFound();
    if (item.kind !== 'manual') throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'commitment.measuredItem' });
    await tx
      .updateTable('commitment_item')
      .set({ manual_status: input.status, manual_on: input.on, manual_evidence: input.evidence })
      .where('city_code', '=', scope.cityCode)
      .where('id', '=', itemId)
      .execute();
    await appendAudit(tx, ctx, {
      action: 'commitment.record',
      targetType: 'commitment_item',
      targetId: itemId,
      before: { status: item.manual_status, on: item.manual_on, evidence: item.manual_evidence },
      after: input,
    });
  });
  return await getLetter(db, ctx, letterId);
}
