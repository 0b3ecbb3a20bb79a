import fs from 'node:fs/promises';
import path from 'node:path';
import type { Role, UnitKind } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import type { RequestContext } from '../../lib/context.js';
import { packageRoot } from '../../lib/package-root.js';
import { appendAudit } from '../audit/index.js';
import { type IdentityDeps, createUserInCity } from '../identity/index.js';
import { ensureCity, hasAnyCity, importEnterprise, importUnit } from '../org/index.js';
import type { Actor } from '../../lib/context.js';
import { type CampaignResult, loadCampaign } from './campaign.js';
import { EVALUATION_DEMO_ACCOUNTS, type EvaluationDemoResult, loadEvaluationDemo } from './evaluation.js';
import { INSPECTION_DEMO_ACCOUNTS, type InspectionDemoResult, loadInspectionDemo } from './inspections.js';
import { planCampaign } from './domain/campaign.js';
import { planHistory, withHistoryPlans } from './domain/history.js';
import { ENTERPRISES, namedEnterprisesForCampaign } from './domain/named-enterprises.js';
import { demoUscc } from './domain/uscc.js';
import { type HistoryResult, loadHistory } from './history.js';
import { type ProblemsDemoResult, loadProblemsDemo } from './problems.js';
import { type CompetitionDemoResult, loadCompetitionDemo } from './competition.js';

/**
 * The Hengyang demo (演示数据): divisions and parks from reference/hengyang-divisions.csv,
 * the main city departments, generic platform companies, a few enterprises with valid
 * (fictitious) credit codes, one account per role, the generated 2022 campaign (projects,
 * deals, targets: ./campaign.ts) and the years of reporting around it (monthly reports
 * 2020–2022, funds won, commitment letters, a published month: ./history.ts), the per-mu
 * evaluation (./evaluation.ts) and the problem lists, appeals and dispatch of late 2022 (./problems.ts).
 * Deterministic: the same every time.
 * Only ever loaded on the embedded database in demo mode.
 */
export const DEMO_CITY = { code: '430400', nameZh: '衡阳市', nameEn: 'Hengyang City' } as const;

/** One password for every demo account, shown on the sign-in page in demo mode only. */
export const DEMO_PASSWORD = 'Juli#Hy2022';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Division code or name of the scope unit; enterprise accounts name their enterprise. */
  scope?: { unitCode?: string; unitName?: string; enterpriseName?: string };
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'operator', displayName: '市重点办 张明', role: 'city_operator' },
  { username: 'leader', displayName: '市领导 李华', role: 'city_leader' },
  { username: 'zhuhui', displayName: '珠晖区 王强', role: 'reporting_unit', scope: { unitCode: '430405' } },
  { username: 'leiyang', displayName: '耒阳市 赵敏', role: 'reporting_unit', scope: { unitCode: '430481' } },
  { username: 'hitech', displayName: '高新区 刘洋', role: 'reporting_unit', scope: { unitName: '衡阳高新技术产业开发区' } },
  { username: 'natres', displayName: '市自然资源和规划局 陈静', role: 'department', scope: { unitName: '衡阳市自然资源和规划局' } },
  { username: 'enterprise', displayName: '衡阳示例新材料 周杰', role: 'enterprise', scope: { enterpriseName: '衡阳示例新材料有限公司' } },
  { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin' },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin' },
  { username: 'auditor', displayName: '审计管理员', role: 'audit_admin' },
  // Departments that send the per-mu evaluation data (./evaluation.ts).
  ...EVALUATION_DEMO_ACCOUNTS,
  // An inspector who registers inspections by scanning enterprises' codes (./inspections.ts).
  ...INSPECTION_DEMO_ACCOUNTS,
];

/** Main city departments (市直部门) named in the product's mechanisms. */
const DEPARTMENTS: readonly [string, string][] = [
  ['衡阳市发展和改革委员会', 'Development and Reform Commission'],
  ['衡阳市自然资源和规划局', 'Natural Resources and Planning Bureau'],
  ['衡阳市住房和城乡建设局', 'Housing and Urban-Rural Development Bureau'],
  ['衡阳市生态环境局', 'Ecology and Environment Bureau'],
  ['衡阳市工业和信息化局', 'Industry and Information Technology Bureau'],
  ['衡阳市商务局', 'Commerce Bureau'],
  ['衡阳市财政局', 'Finance Bureau'],
  ['衡阳市统计局', 'Statistics Bureau'],
  ['衡阳市司法局', 'Justice Bureau'],
  ['衡阳市市场监督管理局', 'Market Regulation Bureau'],
  ['衡阳市应急管理局', 'Emergency Management Bureau'],
  ['国家税务总局衡阳市税务局', 'Taxation Bureau'],
];

/** Generic names: the demo does not claim the names of real companies. */
const PLATFORM_COMPANIES: readonly [string, string][] = [
  ['市城市建设投资平台公司（演示）', 'City Construction Investment Platform (demo)'],
  ['市交通建设投资平台公司（演示）', 'City Transport Investment Platform (demo)'],
  ['市产业发展投资平台公司（演示）', 'City Industrial Investment Platform (demo)'],
];

/** Where each park of the reference file hangs (its county-level unit, or the city). */
const PARK_PARENTS: Record<string, string | null> = {
  衡阳高新技术产业开发区: null,
  衡阳综合保税区: null,
  湖南衡阳松木经济开发区: null,
  衡山高新技术产业开发区: '430423',
  衡阳白沙洲工业园区: '430406',
  西渡高新技术产业开发区: '430421',
  衡东经济开发区: '430424',
};

export { demoUscc };

interface DivisionRow {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
}

async function readDivisions(): Promise<DivisionRow[]> {
  const text = await fs.readFile(path.join(packageRoot(), 'reference', 'hengyang-divisions.csv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [code = '', nameZh = '', nameEn = '', kind = ''] = line.split(',');
      return { code, nameZh, nameEn, kind };
    });
}

const COUNTY_KINDS: Record<string, UnitKind> = { district: 'district', county: 'county', county_level_city: 'county_level_city' };
const PARK_LEVELS: Record<string, string> = { park_national: 'national', park_provincial: 'provincial', park_unverified: 'other' };

export interface DemoSeedResult {
  units: number;
  /** Enterprises at the end: the named ones plus the owners the campaign registered. */
  enterprises: number;
  users: number;
  /** The 2022 campaign (projects, deals, stage changes, targets). */
  campaign: CampaignResult;
  /** Reports 2020–2022, funds won, commitment letters, the published month (with the seconds this part took). */
  history: HistoryResult;
  /** The per-mu evaluation: register, departments' data 2021–2022, runs, objections (with the seconds this part took). */
  evaluation: EvaluationDemoResult;
  /** Problem lists, appeals and a dispatch meeting of late 2022 (with the seconds this part took). */
  problems: ProblemsDemoResult;
  competition: CompetitionDemoResult;
  /** 扫码入企: codes issued, inspections registered, supervision cases. */
  inspections: InspectionDemoResult;
  /** How long the whole seed took (for the start-up log). */
  seconds: number;
}

/** Seed the demo when the database has no city yet; returns null when there was something already. */
export async function seedDemoIfEmpty(db: Db, identity: IdentityDeps, ctx: RequestContext): Promise<DemoSeedResult | null> {
  if (await hasAnyCity(db)) return null;
  return await seedDemo(db, identity, ctx);
}

/**
 * Whether the demo seed ran to its end (its last step writes the `demo.seed` audit record).
 * A first start interrupted half-way leaves a city without it: the start then begins again
 * on an empty database (embedded demo mode only).
 */
export async function isDemoIncomplete(db: Db): Promise<boolean> {
  if (!(await hasAnyCity(db))) return false;
  const marker = await db.selectFrom('audit_log').select('id').where('action', '=', 'demo.seed').limit(1).executeTakeFirst();
  return !marker;
}

export async function seedDemo(db: Db, identity: IdentityDeps, ctx: RequestContext): Promise<DemoSeedResult> {
  const started = performance.now();
  const divisions = await readDivisions();
  const root = await ensureCity(db, ctx, { code: DEMO_CITY.code, nameZh: DEMO_CITY.nameZh, nameEn: DEMO_CITY.nameEn });
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  let units = 0;
  const enterpriseByName = new Map<string, number>();
  await db.transaction().execute(async (tx) => {
    const add = async (
      parentId: number,
      kind: UnitKind,
      code: string | null,
      nameZh: string,
      nameEn: string | null,
      parkLevel?: string,
    ) => {
      const id = await importUnit(tx, ctx, DEMO_CITY.code, { parentId, kind, code, nameZh, nameEn, parkLevel: parkLevel ?? null });
      if (code) byCode.set(code, id);
      byName.set(nameZh, id);
      units++;
      return id;
    };
    for (const d of divisions) {
      const kind = COUNTY_KINDS[d.kind];
      if (kind) await add(root.id, kind, d.code, d.nameZh, d.nameEn);
    }
    // Parks: the reference lists them without codes, except NBS statistical zones whose name matches exactly.
    const statZoneCodes = new Map(divisions.filter((d) => d.kind === 'nbs_stat_zone').map((d) => [d.nameZh, d.code]));
    for (const d of divisions) {
      const level = PARK_LEVELS[d.kind];
      if (!level || byName.has(d.nameZh)) continue;
      const parentCode = PARK_PARENTS[d.nameZh];
      const parentId = parentCode ? byCode.get(parentCode) : root.id;
      if (parentId === undefined) continue;
      await add(parentId, 'park', statZoneCodes.get(d.nameZh) ?? null, d.nameZh, d.nameEn, level);
    }
    for (const [nameZh, nameEn] of DEPARTMENTS) await add(root.id, 'department', null, nameZh, nameEn);
    for (const [nameZh, nameEn] of PLATFORM_COMPANIES) await add(root.id, 'platform_company', null, nameZh, nameEn);
    for (const [name, division, body, owner] of ENTERPRISES) {
      const unitId = owner.unitCode ? byCode.get(owner.unitCode) : byName.get(owner.unitName ?? '');
      if (unitId === undefined) throw new Error(`demo enterprise ${name}: owner unit missing`);
      enterpriseByName.set(name, await importEnterprise(tx, ctx, DEMO_CITY.code, { uscc: demoUscc(division, body), name, unitId }));
    }
  });

  const userIds = new Map<string, number>();
  for (const account of DEMO_ACCOUNTS) {
    const scopeUnitId = account.scope?.unitCode
      ? byCode.get(account.scope.unitCode)
      : account.scope?.unitName
        ? byName.get(account.scope.unitName)
        : undefined;
    const scopeEnterpriseId = account.scope?.enterpriseName ? enterpriseByName.get(account.scope.enterpriseName) : undefined;
    const user = await createUserInCity(
      identity,
      ctx,
      DEMO_CITY.code,
      {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        scopeUnitId: scopeUnitId ?? null,
        scopeEnterpriseId: scopeEnterpriseId ?? null,
        password: DEMO_PASSWORD,
      },
      { mustChangePassword: false, isDemo: true },
    );
    userIds.set(account.username, user.id);
  }

  const plan = planCampaign(namedEnterprisesForCampaign());
  const historyStarted = performance.now();
  const history = planHistory(plan);
  const planningSeconds = (performance.now() - historyStarted) / 1000;
  const campaign = await loadCampaign(
    db,
    ctx,
    {
      cityCode: DEMO_CITY.code,
      root: { id: root.id, path: root.path },
      unitByCode: byCode,
      unitByName: byName,
      operator: { id: userIds.get('operator')!, username: 'operator' },
      leaderUserId: userIds.get('leader')!,
      enterprises: namedEnterprisesForCampaign(),
    },
    withHistoryPlans(plan, history),
  );

  const unitRows = await db.selectFrom('org_unit').select(['id', 'path', 'name_zh']).where('city_code', '=', DEMO_CITY.code).execute();
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const unitOf = (key: string) => unitById.get(byCode.get(key) ?? byName.get(key) ?? -1);
  const projectRows = await db.selectFrom('project').select(['id', 'code', 'name']).where('city_code', '=', DEMO_CITY.code).execute();
  const projectByCode = new Map(projectRows.map((p) => [p.code, p]));
  const actor = (username: string, role: Role, unit: { id: number; path: string }): Actor => ({
    userId: userIds.get(username)!,
    username,
    role,
    cityCode: DEMO_CITY.code,
    scopeUnitId: unit.id,
    scopeUnitPath: unit.path,
    scopeEnterpriseId: null,
  });
  const unitActors = new Map(
    DEMO_ACCOUNTS.filter((a) => a.role === 'reporting_unit').map((a) => {
      const key = a.scope!.unitCode ?? a.scope!.unitName!;
      return [key, actor(a.username, a.role, unitOf(key)!)] as const;
    }),
  );
  const historyUnits = new Map<string, { id: number; nameZh: string }>();
  for (const key of new Set(history.events.flatMap((e) => ('unitKey' in e ? [e.unitKey] : [])))) {
    const u = unitOf(key);
    if (u) historyUnits.set(key, { id: u.id, nameZh: u.name_zh });
  }
  const loaded = await loadHistory(
    db,
    ctx,
    {
      cityCode: DEMO_CITY.code,
      units: historyUnits,
      projects: new Map(plan.projects.map((p) => [p.ref, projectByCode.get(p.input.code!)!])),
      operator: actor('operator', 'city_operator', root),
      unitActors,
    },
    history,
  );
  // The time the history adds to the seed: its planning and its loading.
  const historyResult = { ...loaded, seconds: Math.round((loaded.seconds + planningSeconds) * 10) / 10 };
  // 亩均论英雄: the register, departments' data for 2021 and 2022, a method, runs and objections (./evaluation.ts).
  const evaluation = await loadEvaluationDemo(db, ctx, { cityCode: DEMO_CITY.code, unitByCode: byCode, unitByName: byName });
  // 清单管理·企业诉求·周调度: items at every stage, escalations, appeals, the year's last meeting (./problems.ts).
  const problems = await loadProblemsDemo(db, ctx, DEMO_CITY.code);
  // 争先创优: the year's indicator system, entered ratings and adjustments (./competition.ts).
  const competition = await loadCompetitionDemo(db, ctx, DEMO_CITY.code);
  // 扫码入企: codes, the year's inspections, ratings and supervision cases (./inspections.ts).
  const inspections = await loadInspectionDemo(db, ctx, DEMO_CITY.code);
  const enterprises = enterpriseByName.size + campaign.enterprises + evaluation.enterprisesCreated;
  await db.transaction().execute((tx) =>
    appendAudit(tx, ctx, {
      cityCode: DEMO_CITY.code,
      action: 'demo.seed',
      targetType: 'city',
      targetId: DEMO_CITY.code,
      after: {
        units,
        enterprises,
        users: DEMO_ACCOUNTS.length,
        campaign,
        evaluation,
        history: historyResult,
        problems,
        competition,
        inspections,
      },
    }),
  );
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  return {
    units,
    enterprises,
    users: DEMO_ACCOUNTS.length,
    campaign,
    evaluation,
    history: historyResult,
    problems,
    competition,
    inspections,
    seconds,
  };
}
