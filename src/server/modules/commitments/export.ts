import { codeLabel, type LetterKind, shanghaiDate } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import type { RequestContext } from '../../lib/context.js';
import { recordAuditEvent } from '../audit/index.js';
import { exportColumn, exportWorkbook } from '../sheets/index.js';
import { findLetters } from './service.js';

const h = (zh: string, en: string, width = 12) => exportColumn(zh, en, width);
const LETTER_COLUMNS = [
  h('单位', 'Unit', 20),
  h('类型', 'Kind', 16),
  h('标题', 'Title', 36),
  h('状态', 'Status', 8),
  h('签署日期', 'Signed on'),
  h('事项数', 'Items', 8),
  h('兑现率（%）', 'Fulfilment (%)'),
  h('进行中', 'Pending', 8),
  h('已兑现', 'Fulfilled', 8),
  h('逾期兑现', 'Fulfilled late', 10),
  h('未兑现', 'Missed', 8),
  h('测算日期', 'Measured as of'),
];

/**
 * The letters of a year as the list shows them (same filters, fulfilment measured as of the
 * same date), as .xlsx; within the jurisdiction, audited.
 */
export async function exportLetters(
  db: Db,
  ctx: RequestContext,
  query: { year: number; unitId?: number | undefined; kind?: LetterKind | undefined; asOf?: string | undefined },
) {
  const asOf = query.asOf ?? shanghaiDate(ctx.now);
  const { items } = await findLetters(db, ctx, { ...query, asOf });
  await recordAuditEvent(db, ctx, {
    action: 'commitment.export',
    targetType: 'commitment_letter',
    after: { filter: query, rows: items.length },
  });
  async function* lines() {
    for (const l of items) {
      yield [
        l.unitName,
        codeLabel('letterKind', l.kind, ctx.locale),
        l.title,
        codeLabel('letterStatus', l.status, ctx.locale),
        l.signedOn,
        l.itemCount,
        l.fulfilmentRate === null ? null : Math.round(l.fulfilmentRate * 1000) / 10,
        l.counts.pending,
        l.counts.fulfilled,
        l.counts.late,
        l.counts.missed,
        asOf,
      ];
    }
  }
  return exportWorkbook(LETTER_COLUMNS, lines(), ctx.locale, ctx.locale === 'en-US' ? 'Letters' : '承诺书');
}
