import type { FUND_SOURCES } from '../../../../contracts/index.js';
import { AREAS } from './areas.js';
import { type CampaignPlan, addDays } from './campaign.js';
import type { Random } from './random.js';
import type { ProjectSeries } from './reporting.js';
import { FUND_NOTES } from './texts.js';

/**
 * Funds won from higher government (争资), 2020–2022, per unit with projects: central budget
 * investment in its yearly batches, special bonds (front-loaded in 2022), provincial funds,
 * the 2022 policy-based financing instrument (third quarter only), now and then something
 * else; linked to a project of the unit when the money is for one. One record is corrected
 * (a new row superseding it, with a reason). Pure.
 */
export type FundSource = (typeof FUND_SOURCES)[number];

export type FundEvent =
  | {
      type: 'fund';
      at: string;
      key: string;
      unitKey: string;
      ref: string | null;
      source: FundSource;
      amount: string;
      wonOn: string;
      note: string;
    }
  | {
      type: 'fundCorrect';
      at: string;
      key: string;
      unitKey: string;
      source: FundSource;
      amount: string;
      wonOn: string;
      note: string;
      reason: string;
    };

const pad = (n: number) => String(n).padStart(2, '0');
const round = (x: number, step: number) => String(Math.max(step, Math.round(x / step) * step));
const BATCHES = ['第一批', '第二批', '第三批', '第四批'] as const;
const BATCH_MONTHS = [3, 6, 9, 11] as const;

export function planFunds(campaign: CampaignPlan, series: readonly ProjectSeries[], rng: Random): FundEvent[] {
  const events: FundEvent[] = [];
  const category = new Map(campaign.projects.map((p) => [p.ref, p.input.category]));
  for (const area of AREAS.filter((a) => a.projectWeight > 0)) {
    const r = rng.fork(`funds/${area.key}`);
    const county = area.kind === 'county';
    for (const year of [2020, 2021, 2022]) {
      const first = (year - 2020) * 12;
      const active = series.filter((s) => s.unitKey === area.key && s.gridMonths.some((i) => i >= first && i < first + 12));
      const projectOf = (kinds: readonly string[], chance: number) => {
        const fit = active.filter((s) => kinds.includes(category.get(s.ref) ?? ''));
        return fit.length && r.chance(chance) ? r.pick(fit).ref : null;
      };
      const add = (source: FundSource, month: number, amount: string, note: string, ref: string | null) => {
        const wonOn = `${year}-${pad(month)}-${pad(r.int(5, 28))}`;
        events.push({
          type: 'fund',
          at: `${addDays(wonOn, r.int(2, 12))}T${pad(r.int(9, 17))}:${pad(r.int(0, 59))}:00+08:00`,
          key: `F${events.length + 1}`,
          unitKey: area.key,
          ref,
          source,
          amount,
          wonOn,
          note,
        });
      };
      const public_ = ['infrastructure', 'social', 'ecological', 'agricultural'];
      for (let n = county ? r.int(1, 2) : r.int(0, 1); n > 0; n--) {
        const batch = r.int(0, 3);
        add(
          'central_budget',
          BATCH_MONTHS[batch]!,
          round(r.logUniform(300, 6000), 10),
          `${year}年中央预算内投资${BATCHES[batch]}（${r.pick(FUND_NOTES.central_budget)}）`,
          projectOf(public_, 0.7),
        );
      }
      for (let n = county || area.kind === 'platform' ? r.int(1, 2) : r.int(0, 1), k = 1; n > 0; n--, k++) {
        const month = year === 2022 ? (r.chance(0.8) ? r.int(2, 6) : r.int(8, 10)) : year === 2021 ? r.int(6, 12) : r.int(5, 11);
        add(
          'special_bonds',
          month,
          round(r.logUniform(3000, 60000), 100),
          `${year}年新增地方政府专项债券（第${k}批）`,
          projectOf(['infrastructure', 'social', 'ecological'], 0.85),
        );
      }
      for (let n = county ? r.int(1, 2) : r.int(0, 1); n > 0; n--)
        add(
          'provincial_funds',
          r.int(3, 12),
          round(r.logUniform(100, 3000), 10),
          r.pick(FUND_NOTES.provincial_funds),
          projectOf(['industrial'], 0.5),
        );
      if (year === 2022 && area.kind !== 'city_park' && r.chance(0.4))
        add(
          'policy_finance',
          r.int(8, 10),
          round(r.logUniform(5000, 40000), 100),
          FUND_NOTES.policy_finance[0],
          projectOf(['infrastructure'], 0.9),
        );
      if (r.chance(0.25)) add('other', r.int(1, 12), round(r.logUniform(100, 1500), 10), r.pick(FUND_NOTES.other), null);
    }
  }
  // One record corrected: the amount the province finally allotted was lower than first entered.
  const bond = events.find(
    (e): e is Extract<FundEvent, { type: 'fund' }> =>
      e.type === 'fund' && e.source === 'special_bonds' && e.wonOn >= '2022-02-01' && e.wonOn <= '2022-06-30',
  );
  if (bond)
    events.push({
      type: 'fundCorrect',
      at: `${addDays(bond.at.slice(0, 10), 20)}T11:20:00+08:00`,
      key: bond.key,
      unitKey: bond.unitKey,
      source: bond.source,
      amount: round(Number(bond.amount) * 0.8, 100),
      wonOn: bond.wonOn,
      note: bond.note,
      reason: '按省财政厅正式下达文件核定金额更正',
    });
  return events;
}
