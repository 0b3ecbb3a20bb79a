import type { HonourListKind, LightColour, Locale } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import type { RequestContext } from '../../lib/context.js';
import { recordAuditEvent } from '../audit/index.js';
import { exportColumn, exportWorkbook } from '../sheets/index.js';
import { projectLights } from './service.js';

const h = exportColumn;

const COLUMNS = [
  h('项目', 'Project', 34),
  h('单位', 'Unit', 18),
  h('亮灯', 'Light', 8),
  h('红黄榜', 'Red/yellow list', 10),
  h('年度计划（万元）', 'Annual plan (10k yuan)'),
  h('应完成（万元）', 'Due by now (10k yuan)'),
  h('累计完成（万元）', 'Done (10k yuan)'),
  h('完成率', 'Of the plan due', 10),
  h('预计全年（万元）', 'Forecast (10k yuan)'),
  h('原因', 'Why', 40),
];

const LIGHT_NAMES: Record<LightColour, Record<Locale, string>> = {
  green: { 'zh-CN': '绿灯', 'en-US': 'Green' },
  yellow: { 'zh-CN': '黄灯', 'en-US': 'Yellow' },
  red: { 'zh-CN': '红灯', 'en-US': 'Red' },
  none: { 'zh-CN': '未亮灯', 'en-US': 'None' },
};
const LIST_NAMES: Record<HonourListKind, Record<Locale, string>> = {
  red: { 'zh-CN': '红榜', 'en-US': 'Red list' },
  yellow: { 'zh-CN': '黄榜', 'en-US': 'Yellow list' },
};

/**
 * The project lights as filtered on the lights page (a light, or a list of the 红黄榜) as .xlsx,
 * in the page's order, within the caller's jurisdiction. Audited.
 */
export async function exportProjectLights(
  db: Db,
  ctx: RequestContext,
  query: Omit<Parameters<typeof projectLights>[2], 'page' | 'pageSize'>,
) {
  const { items } = await projectLights(db, ctx, { ...query, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
  await recordAuditEvent(db, ctx, { action: 'monitor.lights.export', targetType: 'project', after: { filter: query, rows: items.length } });
  const locale = ctx.locale;
  async function* rows() {
    for (const p of items) {
      yield [
        p.projectName,
        p.unitName,
        LIGHT_NAMES[p.light][locale],
        p.honour ? LIST_NAMES[p.honour][locale] : null,
        Number(p.plan),
        Number(p.dueByNow),
        Number(p.ytd),
        p.ratio === null ? null : `${(p.ratio * 100).toFixed(1)}%`,
        Number(p.forecast),
        p.reasons.map((r) => r.message).join(locale === 'zh-CN' ? '；' : '; ') || null,
      ];
    }
  }
  const sheet = query.honour ? LIST_NAMES[query.honour][locale] : locale === 'zh-CN' ? '红黄绿灯' : 'Lights';
  return exportWorkbook(COLUMNS, rows(), locale, sheet);
}
