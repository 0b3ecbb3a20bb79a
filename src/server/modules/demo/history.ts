import { type Insertable, sql } from 'kysely';
import { type CommitmentItemInput, CreateLetterSchema } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import type { ReportVersionTable } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { appendAudit } from '../audit/index.js';
import { publicationDocuments, publishBoards } from '../boards/service.js';
import { amendLetter, attachScan, createLetter, recordItem, signLetter } from '../commitments/service.js';
import { honourListsOfMonth } from '../monitoring/index.js';
import { correctFund } from '../reports/funds.js';
import { dueDate, recountProjectTotals } from '../reports/index.js';
import { lockMonth, returnReport, submitReports } from '../reports/service.js';
import { registrySettings } from '../settings/index.js';
import { AREAS } from './domain/areas.js';
import type { DemoHistory, HistoryEvent } from './domain/history.js';
import { LETTER_YEAR, type PlannedItem, letterLines } from './domain/letters.js';
import { letterPdf } from './domain/pdf.js';
import { MONTH_COUNT, monthOfIndex } from './domain/reporting.js';

export interface HistoryContext {
  cityCode: string;
  /** Units by the demo's area key (division code, or exact name). */
  units: ReadonlyMap<string, { id: number; nameZh: string }>;
  /** Registry projects by the campaign's ref, with their names. */
  projects: ReadonlyMap<string, { id: number; name: string }>;
  operator: Actor;
  /** The demo's unit accounts by area key: the units with one enter their own reports. */
  unitActors: ReadonlyMap<string, Actor>;
}

export interface HistoryResult {
  reports: number;
  returns: number;
  corrections: number;
  lockedMonths: number;
  feedback: number;
  funds: number;
  letters: number;
  amendments: number;
  publishedMonth: string | null;
  /** How long this part of the seed took (the demo's start-up log shows it). */
  seconds: number;
}

/** Bulk events written together: a month's submissions, notes, funds. */
type BulkEvent = Extract<HistoryEvent, { type: 'submit' | 'feedback' | 'fund' }>;
const isBulk = (e: HistoryEvent): e is BulkEvent => e.type === 'submit' || e.type === 'feedback' || e.type === 'fund';
/** Report rows written per INSERT (13 parameters each, well under PostgreSQL's 65,535). */
const ROWS_PER_INSERT = 2000;
const BULK_EVENTS = 80;

/**
 * Write the demo's history (./domain/history.ts) in the order it happened. Locks, returns,
 * resubmissions, corrections, commitment letters, the correction of a fund and the month's
 * publication go through the modules' own services with a `now` on their moment. The many
 * monthly submissions, daily notes and fund records are written in bulk: the same rows and
 * the same audit records (appendAudit, in order) those services write, a batch per
 * transaction; their rows were checked against the reports' own rules by the generator.
 *
 * Like the campaign, it runs on one connection with synchronous_commit off (see
 * ./campaign.ts); the briefing's reads go to the pool (`db`), since they run while the
 * publication's transaction holds that connection.
 */
export async function loadHistory(db: Db, base: RequestContext, c: HistoryContext, history: DemoHistory): Promise<HistoryResult> {
  const started = performance.now();
  const result = await db.connection().execute(async (conn) => {
    await sql`SET synchronous_commit = off`.execute(conn);
    try {
      return await load(conn, db, base, c, history);
    } finally {
      await sql`RESET synchronous_commit`.execute(conn);
    }
  });
  return { ...result, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

async function load(
  db: Db,
  pool: Db,
  base: RequestContext,
  c: HistoryContext,
  history: DemoHistory,
): Promise<Omit<HistoryResult, 'seconds'>> {
  let requestSeq = 0;
  const at = (actor: Actor, iso: string): RequestContext => ({
    ...base,
    actor,
    requestId: `${base.requestId}:h${++requestSeq}`,
    now: new Date(iso),
  });
  const actorOf = (unitKey: string) => c.unitActors.get(unitKey) ?? c.operator;
  const unit = (key: string) => {
    const u = c.units.get(key);
    if (!u) throw new Error(`demo history: no unit ${key}`);
    return u;
  };
  const project = (ref: string) => {
    const p = c.projects.get(ref);
    if (!p) throw new Error(`demo history: no project ${ref}`);
    return p;
  };
  const counts = { reports: 0, returns: 0, corrections: 0, lockedMonths: 0, feedback: 0, funds: 0, letters: 0, amendments: 0 };
  let publishedMonth: string | null = null;

  const { reporting } = await registrySettings(db, c.cityCode);
  await db
    .insertInto('report_month')
    .values(
      Array.from({ length: MONTH_COUNT }, (_, i) => ({
        city_code: c.cityCode,
        month: `${monthOfIndex(i)}-01`,
        due_on: dueDate(monthOfIndex(i), reporting.dueDay),
      })),
    )
    .onConflict((oc) => oc.columns(['city_code', 'month']).doNothing())
    .execute();

  const fundIds = new Map<string, number>();
  let pending: BulkEvent[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    await db.transaction().execute(async (tx) => {
      const versions: Insertable<ReportVersionTable>[] = batch.flatMap((e) =>
        e.type !== 'submit'
          ? []
          : e.rows.map((row) => ({
              city_code: c.cityCode,
              project_id: project(row.ref).id,
              month: `${e.month}-01`,
              version: row.version,
              kind: 'submission',
              investment: row.investment,
              progress_text: row.progressText,
              problems_text: row.problemsText,
              explanation: row.explanation,
              reason: null,
              submitted_by: actorOf(e.unitKey).userId,
              submitted_name: actorOf(e.unitKey).username,
              submitted_at: new Date(e.at),
            })),
      );
      for (let k = 0; k < versions.length; k += ROWS_PER_INSERT)
        await tx
          .insertInto('report_version')
          .values(versions.slice(k, k + ROWS_PER_INSERT))
          .execute();
      await recountProjectTotals(tx, c.cityCode, [...new Set(versions.map((v) => v.project_id))]);
      counts.reports += versions.length;
      // Notes and funds: one INSERT each, ids in the order of the rows (checked), then the audit records in order.
      const notes = batch.filter((e) => e.type === 'feedback');
      const noteRows = notes.map((e) => ({
        city_code: c.cityCode,
        project_id: project(e.ref).id,
        noted_on: e.notedOn,
        text: e.text,
        author_id: actorOf(e.unitKey).userId,
        author_name: actorOf(e.unitKey).username,
        created_at: new Date(e.at),
      }));
      const noteIds = noteRows.length
        ? await tx.insertInto('daily_feedback').values(noteRows).returning(['id', 'project_id']).execute()
        : [];
      const funds = batch.filter((e) => e.type === 'fund');
      const fundInputs = funds.map((e) => ({
        unitId: unit(e.unitKey).id,
        projectId: e.ref ? project(e.ref).id : null,
        source: e.source,
        amount: e.amount,
        wonOn: e.wonOn,
        note: e.note,
      }));
      const fundRows = fundInputs.length
        ? await tx
            .insertInto('funds_won')
            .values(
              fundInputs.map((input, k) => ({
                city_code: c.cityCode,
                unit_id: input.unitId,
                project_id: input.projectId,
                source: input.source,
                amount: input.amount,
                won_on: input.wonOn,
                note: input.note,
                created_by: actorOf(funds[k]!.unitKey).userId,
                created_name: actorOf(funds[k]!.unitKey).username,
                created_at: new Date(funds[k]!.at),
              })),
            )
            .returning(['id', 'unit_id'])
            .execute()
        : [];
      if (noteIds.some((r, k) => r.project_id !== noteRows[k]!.project_id) || fundRows.some((r, k) => r.unit_id !== fundInputs[k]!.unitId))
        throw new Error('demo history: returned ids out of order');
      let note = 0;
      let fund = 0;
      for (const e of batch) {
        const ctx = at(actorOf(e.unitKey), e.at);
        if (e.type === 'submit') {
          await appendAudit(tx, ctx, {
            action: 'report.submit',
            targetType: 'report_month',
            targetId: e.month,
            after: {
              reason: null,
              rows: e.rows.map((r) => ({ projectId: project(r.ref).id, version: r.version, investment: r.investment })),
            },
          });
        } else if (e.type === 'feedback') {
          const { id, project_id } = noteIds[note++]!;
          await appendAudit(tx, ctx, {
            action: 'report.feedback',
            targetType: 'project',
            targetId: project_id,
            after: { id, notedOn: e.notedOn, text: e.text },
          });
        } else {
          const input = fundInputs[fund];
          const { id } = fundRows[fund++]!;
          await appendAudit(tx, ctx, { action: 'funds.record', targetType: 'funds_won', targetId: id, after: input });
          fundIds.set(e.key, id);
        }
      }
      counts.feedback += notes.length;
      counts.funds += funds.length;
    });
  };

  const letters = new Map<
    string,
    { id: number; version: number; itemIds: number[]; unitKey: string; kind: 'investment' | 'safety'; items: PlannedItem[] }
  >();
  const itemInput = (i: PlannedItem): CommitmentItemInput => ({
    kind: i.kind,
    projectId: i.ref ? project(i.ref).id : null,
    milestoneKind: i.milestoneKind,
    deadline: i.deadline,
    committedAmount: i.committedAmount,
    committedCount: i.committedCount,
    weight: i.weight,
    description: i.description,
  });
  const keep = (key: string, letter: { id: number; version: number; items: { id: number }[] }) => {
    const l = letters.get(key)!;
    l.version = letter.version;
    l.itemIds = letter.items.map((i) => i.id);
  };

  for (const e of history.events) {
    if (isBulk(e)) {
      pending.push(e);
      if (pending.length >= BULK_EVENTS) await flush();
      continue;
    }
    await flush();
    await serviceEvent(e);
  }
  await flush();
  return { ...counts, publishedMonth };

  async function serviceEvent(e: Exclude<HistoryEvent, BulkEvent>): Promise<void> {
    switch (e.type) {
      case 'return':
        await returnReport(db, at(c.operator, e.at), { projectId: project(e.ref).id, month: e.month, reason: e.reason });
        counts.returns++;
        break;
      case 'resubmit':
      case 'correct': {
        const saved = await submitReports(db, at(actorOf(e.unitKey), e.at), {
          month: e.month,
          rows: e.rows.map((r) => ({
            projectId: project(r.ref).id,
            investment: r.investment,
            progressText: r.progressText,
            problemsText: r.problemsText,
            explanation: r.explanation,
            baseVersion: r.baseVersion,
          })),
          ...(e.type === 'correct' ? { correctionReason: e.reason } : {}),
        });
        if (saved.saved !== e.rows.length) throw new Error(`demo history: ${e.type} of ${e.month} saved ${saved.saved} rows`);
        counts.reports += saved.saved;
        counts.corrections += saved.corrections;
        break;
      }
      case 'lock':
        await lockMonth(db, at(c.operator, e.at), e.month);
        counts.lockedMonths++;
        break;
      case 'fundCorrect': {
        const id = fundIds.get(e.key);
        if (id === undefined) throw new Error(`demo history: fund ${e.key} corrected before it was recorded`);
        await correctFund(db, at(actorOf(e.unitKey), e.at), id, {
          source: e.source,
          amount: e.amount,
          wonOn: e.wonOn,
          note: e.note,
          reason: e.reason,
        });
        counts.funds++;
        break;
      }
      case 'letter': {
        const { title } = letterLines(e, unit(e.unitKey).nameZh, (ref) => project(ref).name);
        const letter = await createLetter(
          db,
          at(actorOf(e.unitKey), e.at),
          CreateLetterSchema.parse({ unitId: unit(e.unitKey).id, year: LETTER_YEAR, kind: e.kind, title, items: e.items.map(itemInput) }),
        );
        letters.set(e.key, { id: letter.id, version: letter.version, itemIds: [], unitKey: e.unitKey, kind: e.kind, items: e.items });
        keep(e.key, letter);
        counts.letters++;
        break;
      }
      case 'scan': {
        const l = letters.get(e.key)!;
        const name = unit(l.unitKey).nameZh;
        const text = letterLines(l, name, (ref) => project(ref).name);
        const data = letterPdf({ ...text, seal: sealOf(l.unitKey, name), signedOn: e.at.slice(0, 10) });
        keep(e.key, await attachScan(db, at(actorOf(l.unitKey), e.at), l.id, { filename: `${text.title}（签字盖章扫描件）.pdf`, data }));
        break;
      }
      case 'sign': {
        const l = letters.get(e.key)!;
        keep(e.key, await signLetter(db, at(actorOf(l.unitKey), e.at), l.id, { version: l.version, signedOn: e.signedOn }));
        break;
      }
      case 'amend': {
        const l = letters.get(e.key)!;
        keep(
          e.key,
          await amendLetter(db, at(c.operator, e.at), l.id, { version: l.version, reason: e.reason, items: e.items.map(itemInput) }),
        );
        counts.amendments++;
        break;
      }
      case 'record': {
        const l = letters.get(e.key)!;
        keep(
          e.key,
          await recordItem(db, at(c.operator, e.at), l.id, l.itemIds[e.position]!, { status: e.status, on: e.on, evidence: e.evidence }),
        );
        break;
      }
      case 'publish': {
        const ctx = at(c.operator, e.at);
        await publishBoards(
          db,
          ctx,
          e.month,
          (tx) => honourListsOfMonth(tx, ctx, e.month),
          (boards, honours) => publicationDocuments(pool, ctx, boards, honours),
        );
        publishedMonth = e.month;
        break;
      }
    }
  }
}

/** The seal on a letter: a county's government, a park's administrative committee, a company itself. */
function sealOf(unitKey: string, name: string): string {
  const kind = AREAS.find((a) => a.key === unitKey)?.kind;
  if (kind === 'county') return `${name}人民政府`;
  if (kind === 'city_park' || kind === 'county_park') return `${name}管理委员会`;
  return name;
}
