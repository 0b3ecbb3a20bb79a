import { type CampaignPlan, DEFAULT_SEED } from './campaign.js';
import { type FundEvent, planFunds } from './funds.js';
import { type LetterEvent, planLetters } from './letters.js';
import { Random } from './random.js';
import { LOCKED_THROUGH, type ReportingEvent, type ReportingPlan, planReporting } from './reporting.js';

/**
 * The demo's three years of rhythm around the 2022 campaign (PRODUCT §2.2–2.4): monthly
 * reports 2020–2022 with the plans of 2020 and 2021, returns, locks and corrections, daily
 * notes, funds won, the 2022 commitment letters, and one published month of leaderboards.
 * Every event carries the moment it happened; the loader (../history.ts) writes them in that
 * order, so the audit trail reads as the years went. Pure and deterministic.
 */
export const PUBLISHED_MONTH = LOCKED_THROUGH;
/**
 * November's boards are published on the last evening of the year: after the registry was
 * entered (the projects are recorded on 2022-12-31, ../campaign.ts), so the board of major
 * projects under construction counts them.
 */
export const PUBLISHED_AT = '2022-12-31T20:00:00+08:00';

export type PublishEvent = { type: 'publish'; at: string; month: string };
export type HistoryEvent = ReportingEvent | FundEvent | LetterEvent | PublishEvent;

export interface DemoHistory {
  reporting: ReportingPlan;
  events: HistoryEvent[];
}

export function planHistory(campaign: CampaignPlan, seed = DEFAULT_SEED): DemoHistory {
  const root = new Random(`${seed}/history`);
  const reporting = planReporting(campaign, root.fork('reporting'));
  const others: HistoryEvent[] = [
    ...planFunds(campaign, reporting.series, root.fork('funds')),
    ...planLetters(campaign, root.fork('letters')),
    { type: 'publish', at: PUBLISHED_AT, month: PUBLISHED_MONTH },
  ];
  // Merge by time; at the same moment reporting events first, then the others in their order.
  const all = [...reporting.events, ...others].map((e, seq) => ({ e, seq }));
  all.sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.seq - b.seq));
  return { reporting, events: all.map((x) => x.e) };
}

/** The campaign with the 2020 and 2021 plans of the projects that were under way then (registered with the project). */
export function withHistoryPlans(campaign: CampaignPlan, history: DemoHistory): CampaignPlan {
  return {
    ...campaign,
    projects: campaign.projects.map((p) => {
      const earlier = history.reporting.annualPlans.get(p.ref);
      return earlier ? { ...p, input: { ...p.input, annualPlans: [...earlier, ...(p.input.annualPlans ?? [])] } } : p;
    }),
  };
}
