import { DEFAULT_COMPETITION_GROUPS, type CompetitionPeriod, type Role } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import type { RequestContext } from '../../lib/context.js';
import { rankedUnits } from '../boards/index.js';
import { activateScheme, addAdjustment, createScheme, putEntry } from '../competition/service.js';

/**
 * The competition for excellence (争先创优) of 2022: the default indicator system (100 points,
 * every source of the platform), activated in January; the business environment rating
 * (营商环境评价, the one entered indicator) of every competing unit for each quarter and the
 * year, deterministic; a few bonus and penalty items with their documents.
 */
export interface CompetitionDemoResult {
  schemes: number;
  entries: number;
  adjustments: number;
}

const PERIODS: readonly CompetitionPeriod[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Y'];

/** A rating between 72 and 98, the same on every seed. */
const rating = (unitIndex: number, periodIndex: number) => 72 + ((unitIndex * 7 + periodIndex * 3) % 27);

const ADJUSTMENTS = [
  { unitName: '衡阳高新技术产业开发区', period: 'Y', points: 3, reason: '获评全省营商环境评价先进园区', evidence: '湘政办通〔2022〕41号' },
  { unitName: '耒阳市', period: 'Y', points: 2, reason: '重大项目获国家发展改革委通报表扬', evidence: '发改投资〔2022〕1287号' },
  { unitName: '珠晖区', period: 'Q3', points: -1.5, reason: '项目安全生产事故被市安委会通报', evidence: '衡安委〔2022〕15号' },
  { unitName: '耒阳市', period: 'Q2', points: 1, reason: '招商引资签约项目获省级推介', evidence: '湘商务函〔2022〕66号' },
] as const;

export async function loadCompetitionDemo(db: Db, base: RequestContext, cityCode: string): Promise<CompetitionDemoResult> {
  const operator = await db
    .selectFrom('identity_user')
    .select(['id', 'username', 'role'])
    .where('city_code', '=', cityCode)
    .where('username', '=', 'operator')
    .executeTakeFirstOrThrow();
  let seq = 0;
  const at = (day: string): RequestContext => ({
    ...base,
    actor: {
      userId: operator.id,
      username: operator.username,
      role: operator.role as Role,
      cityCode,
      scopeUnitId: null,
      scopeUnitPath: null,
      scopeEnterpriseId: null,
    },
    requestId: `${base.requestId}:c${++seq}`,
    now: new Date(`${day}T10:00:00+08:00`),
  });
  const drafted = await createScheme(db, at('2022-01-10'), {
    year: 2022,
    title: '2022年度重大项目建设争先创优考评方案',
    groups: [...DEFAULT_COMPETITION_GROUPS],
    rewardCount: 3,
    warningCount: 2,
  });
  const scheme = await activateScheme(db, at('2022-01-14'), drafted.id, drafted.version);
  const units = await rankedUnits(db, cityCode);
  let entries = 0;
  for (const [p, period] of PERIODS.entries()) {
    // Entered in the week after the period: the fourth quarter's and the year's in January 2023.
    const day = period === 'Y' || period === 'Q4' ? '2023-01-10' : `2022-${String(Number(period.slice(1)) * 3 + 1).padStart(2, '0')}-08`;
    for (const [u, unit] of units.entries()) {
      await putEntry(db, at(day), scheme.id, {
        period,
        indicatorKey: 'business_env',
        unitId: unit.id,
        value: rating(u, p),
        evidence: `第三方营商环境测评报告（2022年${period === 'Y' ? '度' : `第${period.slice(1)}季度`}）`,
      });
      entries++;
    }
  }
  for (const a of ADJUSTMENTS) {
    const unit = units.find((u) => u.nameZh === a.unitName);
    if (!unit) throw new Error(`demo competition: no unit ${a.unitName}`);
    await addAdjustment(db, at(a.period === 'Y' ? '2023-01-12' : '2022-10-12'), scheme.id, {
      period: a.period,
      unitId: unit.id,
      points: a.points,
      reason: a.reason,
      evidence: a.evidence,
    });
  }
  return { schemes: 1, entries, adjustments: ADJUSTMENTS.length };
}
