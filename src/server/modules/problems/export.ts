import { codeLabel, type ProblemKind, type ProblemListQuery, type ProblemStatus, shanghaiDate } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import { type RequestContext, requireActor, scopeOf } from '../../lib/context.js';
import { recordAuditEvent } from '../audit/index.js';
import { getUnitRef } from '../org/index.js';
import { exportColumn, exportWorkbook } from '../sheets/index.js';
import { isOverdue } from './domain/deadlines.js';
import { isOpen } from './domain/workflow.js';
import * as repo from './repo.js';
import { problemSettings } from './settings.js';

/** The most rows one export holds (a city's lists are hundreds to a few thousand items). */
export const EXPORT_MAX_ROWS = 10_000;

const h = exportColumn;

/** 问题清单·措施清单·责任清单 in one sheet: one row per item, the measures as numbered lines. */
const PROBLEM_COLUMNS = [
  h('编号', 'No.', 8),
  h('问题', 'Problem', 30),
  h('类别', 'Category', 10),
  h('所属单位', 'Unit', 16),
  h('项目', 'Project', 26),
  h('状态', 'Status', 10),
  h('提出日期', 'Raised on', 12),
  h('问题描述', 'Description', 40),
  h('措施清单', 'Measures', 40),
  h('牵头单位', 'Lead unit', 20),
  h('责任人', 'Person responsible', 12),
  h('配合单位', 'Cooperating units', 24),
  h('完成时限', 'Deadline', 12),
  h('是否逾期', 'Overdue', 8),
  h('督办级别', 'Escalation', 18),
  h('办结日期', 'Resolved on', 12),
  h('销号日期', 'Closed on', 12),
];
const APPEAL_COLUMNS = [
  h('编号', 'No.', 8),
  h('诉求', 'Appeal', 30),
  h('类别', 'Category', 10),
  h('企业', 'Enterprise', 26),
  h('所属单位', 'Unit', 16),
  h('状态', 'Status', 10),
  h('提出日期', 'Raised on', 12),
  h('诉求内容', 'Description', 40),
  h('承办单位', 'Handled by', 20),
  h('办理时限', 'Deadline', 12),
  h('是否逾期', 'Overdue', 8),
  h('督办级别', 'Escalation', 18),
  h('办结日期', 'Resolved on', 12),
  h('企业评价', 'Rating', 12),
];

/**
 * A filtered problem or appeal list as .xlsx, within the caller's jurisdiction, as the list
 * shows it (same filters, same order; at most EXPORT_MAX_ROWS rows). Audited.
 */
export async function exportItems(db: Db, ctx: RequestContext, kind: ProblemKind, query: Omit<ProblemListQuery, 'page' | 'pageSize'>) {
  const scope = scopeOf(requireActor(ctx), kind === 'problem' ? 'problem.read' : 'appeal.read');
  const asOf = query.asOf ?? shanghaiDate(ctx.now);
  const unit = query.unitId ? await getUnitRef(db, scope.cityCode, query.unitId) : undefined;
  const rows =
    query.unitId && !unit
      ? []
      : await repo.itemsForExport(db, scope, kind, query, { asOf, ...(unit ? { unitPath: unit.path } : {}) }, EXPORT_MAX_ROWS);
  const lists = await repo.listsOf(
    db,
    scope.cityCode,
    rows.map((r) => r.id),
  );
  const settings = await problemSettings(db, scope.cityCode);
  const categories = kind === 'problem' ? settings.problemCategories : settings.appealCategories;
  const en = ctx.locale === 'en-US';
  const category = (key: string) => {
    const entry = categories.find((c) => c.key === key);
    return entry ? (en ? entry.nameEn : entry.nameZh) : key;
  };
  const yesNo = (value: boolean) => codeLabel('boolean', String(value), ctx.locale);
  await recordAuditEvent(db, ctx, { action: `${kind}.export`, targetType: kind, after: { filter: query, rows: rows.length } });

  async function* lines() {
    for (const r of rows) {
      const overdue = isOpen(r.status as ProblemStatus) && isOverdue(r.deadline, asOf);
      const status = codeLabel(kind === 'problem' ? 'problemStatus' : 'appealStatus', r.status, ctx.locale);
      const escalation = r.escalation_level ? codeLabel('escalationLevel', r.escalation_level, ctx.locale) : null;
      if (kind === 'appeal') {
        yield [
          r.id,
          r.title,
          category(r.category),
          r.enterprise_name,
          r.unit_name,
          status,
          r.raised_on,
          r.description,
          r.lead_unit_name,
          r.deadline,
          yesNo(overdue),
          escalation,
          r.resolved_on,
          r.rating ? codeLabel('appealRating', r.rating, ctx.locale) : null,
        ];
        continue;
      }
      const measures = (lists.measures.get(r.id) ?? []).map(
        (m, i) => `${i + 1}. ${m.text}${m.is_done ? (en ? ' (done)' : '（已完成）') : ''}`,
      );
      yield [
        r.id,
        r.title,
        category(r.category),
        r.unit_name,
        r.project_name,
        status,
        r.raised_on,
        r.description,
        measures.join('\n') || null,
        r.lead_unit_name,
        r.lead_person,
        (lists.cooperating.get(r.id) ?? []).join(en ? ', ' : '、') || null,
        r.deadline,
        yesNo(overdue),
        escalation,
        r.resolved_on,
        r.closed_on,
      ];
    }
  }
  const sheetName = kind === 'problem' ? (en ? 'Problems' : '问题清单') : en ? 'Appeals' : '企业诉求';
  return exportWorkbook(kind === 'problem' ? PROBLEM_COLUMNS : APPEAL_COLUMNS, lines(), ctx.locale, sheetName);
}
