import {
  MILESTONE_KINDS,
  type MilestoneKind,
  type Project,
  type ProjectStage,
  type ProjectSummary,
  type PROJECT_CATEGORIES,
  type PROJECT_KINDS,
  shanghaiDate,
  toUnits,
} from '../../../../contracts/index.js';

/**
 * Juli project → OC4IDS 0.9 (Open Contracting for Infrastructure Data Standard), as a pure
 * mapping: no database, no clock (the export time is a parameter). The schema and codelists
 * it follows are in reference/oc4ids/ (version 0.9.5); every code this file can emit is
 * checked against those codelists by oc4ids.test.ts, so a code that is not in a codelist
 * cannot slip in.
 */

/** The OC4IDS schema version a package declares ("major.minor"). */
export const OC4IDS_VERSION = '0.9';
/** Local scheme name for the national investment project code (shared/standards/project-code.md). */
export const PROJECT_CODE_SCHEME = 'CN-FAIPC';
/** Org-id style scheme name for the 18-character Unified Social Credit Code (GB 32100). */
export const USCC_SCHEME = 'CN-USCC';
/** Local scheme name for the industry classification every Juli project carries. */
export const INDUSTRY_SCHEME = 'GB/T 4754-2017';
export const CURRENCY = 'CNY';

/**
 * What the mapping reads of a project: the list's summary fields plus coordinates, description,
 * milestones (kinds as stored) and annual plans. Task force, leader and linked deals are not published.
 */
export type ProjectForExport = Pick<
  ProjectSummary,
  | 'id'
  | 'code'
  | 'name'
  | 'ownerEnterpriseId'
  | 'ownerName'
  | 'ownerUscc'
  | 'unitId'
  | 'unitName'
  | 'parkName'
  | 'industryCode'
  | 'category'
  | 'kind'
  | 'stage'
  | 'totalInvestment'
  | 'plannedStartOn'
  | 'plannedEndOn'
  | 'updatedAt'
> &
  Pick<Project, 'latitude' | 'longitude' | 'description'> & {
    milestones: readonly { kind: string; plannedOn: string | null; actualOn: string | null }[];
    annualPlans: readonly { year: number; plannedInvestment: string }[];
  };

/**
 * projectStatus.csv (closed codelist) from the stage Juli derives from actual milestone dates.
 * - preparing (no actual start yet) → `preparation`: a project enters Juli's registry once it
 *   has been decided on; what remains before the start is feasibility, approvals, land and
 *   permits, which is the codelist's "preparation" (feasibility study, impact assessment,
 *   statutory requirements on land …), not "identification" (the decision itself).
 * - under_construction → `implementation` ("this stage is also called construction").
 * - completed, in_production → `completion` (handover and close-out with the final scope, cost
 *   and time). In production could also be read as `maintenance` ("also called operation");
 *   we publish `completion` so that the completion data stays the current phase.
 * Stalled and cancelled projects are not a Juli stage; `cancelled` is therefore never emitted.
 */
export const STATUS_BY_STAGE = {
  preparing: 'preparation',
  under_construction: 'implementation',
  completed: 'completion',
  in_production: 'completion',
} as const satisfies Record<ProjectStage, string>;

/**
 * projectType.csv (closed codelist) from the Juli kind. The kind says where the project is in
 * the annual plan (新开工 new start, 续建 continuing, 预备 preparatory), not whether it builds a
 * new asset or rehabilitates, replaces or expands one; Juli has no such field, so every kind is
 * published as `construction` (a new asset), the case for the registry's projects. A future
 * 建设性质 field would map 扩建 → expansion, 改建/技改 → rehabilitation, 迁建 → replacement.
 */
export const TYPE_BY_KIND = {
  new: 'construction',
  continuing: 'construction',
  preparatory: 'construction',
} as const satisfies Record<(typeof PROJECT_KINDS)[number], string>;

/**
 * projectSector.csv (open codelist, but we only use its codes): from the category where one
 * plainly fits, and from the GB/T 4754-2017 industry (section letter or two-digit division).
 * Categories and industries with no matching sector (manufacturing, construction, real estate,
 * trade, mixed divisions such as 77 ecology/environment or 78 public facilities) give none.
 * A subsector always comes with its parent, as the schema asks.
 */
export const SECTORS_BY_CATEGORY: Readonly<Partial<Record<(typeof PROJECT_CATEGORIES)[number], readonly string[]>>> = {
  // "Economy, including agribusiness, agriculture, science and environment"
  agricultural: ['economy'],
};

export const SECTORS_BY_INDUSTRY: Readonly<Record<string, readonly string[]>> = {
  // A 农林牧渔 (01–05): agribusiness, agriculture
  A: ['economy'],
  '01': ['economy'],
  '02': ['economy'],
  '03': ['economy'],
  '04': ['economy'],
  '05': ['economy'],
  // D 电力、热力、燃气及水: the section mixes energy and water, so only its divisions map
  '44': ['energy'], // 电力、热力生产和供应
  '45': ['energy'], // 燃气生产和供应
  '46': ['waterAndWaste'], // 水的生产和供应 (incl. 污水处理)
  // G 交通运输、仓储和邮政
  G: ['transport'],
  '53': ['transport', 'transport.rail'], // 铁路运输
  '54': ['transport'], // 道路运输 (includes urban transit, so no road/urban subsector)
  '55': ['transport', 'transport.water'], // 水上运输
  '56': ['transport', 'transport.air'], // 航空运输
  '57': ['energy'], // 管道运输: the codelist puts gas pipelines under energy
  '58': ['transport'], // 多式联运和运输代理
  '59': ['transport'], // 装卸搬运和仓储
  '60': ['communications'], // 邮政: "postal facilities"
  // I 信息传输、软件和信息技术服务 (63–65): ICT, telecommunications
  I: ['communications'],
  '63': ['communications'],
  '64': ['communications'],
  '65': ['communications'],
  // M 科学研究和技术服务 (73–75): science
  M: ['economy'],
  '73': ['economy'],
  '74': ['economy'],
  '75': ['economy'],
  // N: 76 水利管理 and 79 土地管理 are management of water and land
  '76': ['naturalResources'],
  '79': ['naturalResources'],
  // P 教育
  P: ['education'],
  '83': ['education'],
  // Q 卫生和社会工作: "hospitals, healthcare and human services"
  Q: ['health'],
  '84': ['health'],
  '85': ['health'],
  // R 文化、体育和娱乐
  R: ['cultureSportsAndRecreation'],
  '86': ['cultureSportsAndRecreation'],
  '87': ['cultureSportsAndRecreation'],
  '88': ['cultureSportsAndRecreation'],
  '89': ['cultureSportsAndRecreation'],
  '90': ['cultureSportsAndRecreation'],
  // S 公共管理、社会保障和社会组织: government accommodations, public buildings
  S: ['governance'],
  '91': ['governance'],
  '92': ['governance'],
  '93': ['governance'],
  '94': ['governance'],
  '95': ['governance'],
  '96': ['governance'],
};

/**
 * Milestones: milestoneType.csv (open) where one fits, milestoneCode.csv (open) where the
 * event is one of its codes; otherwise the field is left out rather than a code made up.
 * - filing (审批/核准/备案) is the project's approval: type `approval`, code `projectApproval`.
 * - permits (施工许可等) are approvals from the authorities too: type `approval`.
 * - land (供地) has no type that fits (it is neither a procurement nor an approval milestone).
 * - start (开工): code `commencement`; no type fits ("delivery" is for providing works).
 * - topping_out (封顶): neither.
 * - completion (竣工): the works are delivered, type `delivery`, code `completion`.
 * - production (投产): type `delivery`, code `commissioning` (ready for commercial operation).
 */
export const MILESTONES_BY_KIND = {
  filing: { title: '项目审批（核准、备案）', type: 'approval', code: 'projectApproval' },
  land: { title: '取得用地' },
  permits: { title: '取得施工许可等手续', type: 'approval' },
  start: { title: '开工', code: 'commencement' },
  topping_out: { title: '主体封顶' },
  completion: { title: '竣工', type: 'delivery', code: 'completion' },
  production: { title: '投产', type: 'delivery', code: 'commissioning' },
} as const satisfies Record<MilestoneKind, { title: string; type?: string; code?: string }>;

/** partyRole.csv codes used: the unit is the public authority, the owner funds the project. */
export const OWNER_ROLE = 'funder';
export const PUBLIC_AUTHORITY_ROLE = 'publicAuthority';

export interface Oc4idsValue {
  amount: number;
  currency: typeof CURRENCY;
}
export interface Oc4idsPeriod {
  startDate?: string;
  endDate?: string;
}
export interface Oc4idsMilestone {
  id: string;
  title: string;
  type?: string;
  code?: string;
  status: 'scheduled' | 'met' | 'notMet';
  dueDate?: string;
  dateMet?: string;
  dateModified?: string;
}
export interface Oc4idsOrganization {
  id: string;
  name: string;
  identifier?: { scheme: string; id: string; legalName?: string };
  roles: string[];
}
export interface Oc4idsProject {
  id: string;
  updated: string;
  language: string;
  identifiers?: { id: string; scheme: string }[];
  title: string;
  description?: string;
  status: (typeof STATUS_BY_STAGE)[ProjectStage];
  type: string;
  sector?: string[];
  additionalClassifications?: { scheme: string; id: string }[];
  budget: {
    amount: Oc4idsValue;
    budgetBreakdowns?: {
      id: string;
      description: string;
      budgetBreakdown: { id: string; description: string; amount: Oc4idsValue; period: Oc4idsPeriod }[];
    }[];
  };
  period?: Oc4idsPeriod;
  locations?: { id: string; description?: string; geometry: { type: 'Point'; coordinates: [number, number] } }[];
  parties: Oc4idsOrganization[];
  publicAuthority: { id: string; name: string };
  milestones?: Oc4idsMilestone[];
  completion?: { endDate: string };
}
export interface Oc4idsPackage {
  uri: string;
  publishedDate: string;
  version: typeof OC4IDS_VERSION;
  publisher: { name: string };
  license?: string;
  publicationPolicy?: string;
  projects: Oc4idsProject[];
}

/**
 * An amount in 万元 (exact decimal string, at most 4 decimals) as a number of yuan. One unit
 * of 0.0001 万元 is one yuan, so the yuan amount is the integer `toUnits` gives: no float
 * arithmetic at all. The number is exact up to 2^53 yuan (about 9 × 10^15, far above any
 * project); beyond that we refuse rather than publish a rounded figure.
 */
export function yuanFromWan(amount: string): number {
  const yuan = toUnits(amount);
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER) || yuan < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`amount ${amount} 万元 is too large to publish exactly as a JSON number`);
  }
  return Number(yuan);
}

/** A civil date (Asia/Shanghai) as the date-time OC4IDS wants: midnight Beijing time. */
export function beijingDateTime(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/** An instant as an ISO 8601 date-time in Beijing time (UTC+8, no daylight saving), to the second. */
export function beijingInstant(at: Date | string): string {
  const ms = (typeof at === 'string' ? Date.parse(at) : at.getTime()) + 8 * 3_600_000;
  return `${new Date(ms).toISOString().slice(0, 19)}+08:00`;
}

/** The project's OC4IDS id: the national project code (the primary external key), else a stable local id. */
export function oc4idsProjectId(project: Pick<ProjectForExport, 'id' | 'code'>, cityCode: string): string {
  return project.code ?? `juli-${cityCode}-${project.id}`;
}

export function sectorsOf(project: Pick<ProjectForExport, 'category' | 'industryCode'>): string[] {
  const sectors = new Set<string>([...(SECTORS_BY_CATEGORY[project.category] ?? []), ...(SECTORS_BY_INDUSTRY[project.industryCode] ?? [])]);
  return [...sectors];
}

function milestoneOf(kind: MilestoneKind, plannedOn: string | null, actualOn: string | null, today: string, asOf: Date): Oc4idsMilestone {
  const def: { title: string; type?: string; code?: string } = MILESTONES_BY_KIND[kind];
  // Met when it has an actual date; otherwise overdue (notMet) once its planned day has passed,
  // as reviewed at the export time (dateModified); otherwise still scheduled.
  const status = actualOn ? 'met' : plannedOn && plannedOn < today ? 'notMet' : 'scheduled';
  return {
    id: kind,
    title: def.title,
    ...(def.type ? { type: def.type } : {}),
    ...(def.code ? { code: def.code } : {}),
    status,
    ...(plannedOn ? { dueDate: beijingDateTime(plannedOn) } : {}),
    ...(actualOn ? { dateMet: beijingDateTime(actualOn) } : {}),
    ...(status === 'met' ? {} : { dateModified: beijingInstant(asOf) }),
  };
}

/** One Juli project as an OC4IDS project. `asOf` is the export time (milestone status is judged then). */
export function toOc4idsProject(project: ProjectForExport, options: { cityCode: string; asOf: Date }): Oc4idsProject {
  const { cityCode, asOf } = options;
  const today = shanghaiDate(asOf);

  const authority = { id: `juli-${cityCode}-unit-${project.unitId}`, name: project.unitName };
  const parties: Oc4idsOrganization[] = [{ ...authority, roles: [PUBLIC_AUTHORITY_ROLE] }];
  if (project.ownerEnterpriseId !== null && project.ownerName) {
    parties.push(
      project.ownerUscc
        ? {
            id: `${USCC_SCHEME}-${project.ownerUscc}`,
            name: project.ownerName,
            identifier: { scheme: USCC_SCHEME, id: project.ownerUscc, legalName: project.ownerName },
            roles: [OWNER_ROLE],
          }
        : { id: `juli-${cityCode}-enterprise-${project.ownerEnterpriseId}`, name: project.ownerName, roles: [OWNER_ROLE] },
    );
  }

  const milestones = MILESTONE_KINDS.flatMap((kind) => {
    const m = project.milestones.find((x) => x.kind === kind);
    return m && (m.plannedOn || m.actualOn) ? [milestoneOf(kind, m.plannedOn, m.actualOn, today, asOf)] : [];
  });
  const completedOn = project.milestones.find((m) => m.kind === 'completion')?.actualOn;

  const period: Oc4idsPeriod = {
    ...(project.plannedStartOn ? { startDate: beijingDateTime(project.plannedStartOn) } : {}),
    ...(project.plannedEndOn ? { endDate: beijingDateTime(project.plannedEndOn) } : {}),
  };
  const plans = [...project.annualPlans].sort((a, b) => a.year - b.year);
  const sector = sectorsOf(project);
  const hasPoint = project.latitude !== null && project.longitude !== null;
  const place = [project.unitName, project.parkName].filter(Boolean).join(' ');

  return {
    id: oc4idsProjectId(project, cityCode),
    updated: beijingInstant(project.updatedAt),
    language: 'zh',
    ...(project.code ? { identifiers: [{ id: project.code, scheme: PROJECT_CODE_SCHEME }] } : {}),
    title: project.name,
    ...(project.description?.trim() ? { description: project.description.trim() } : {}),
    status: STATUS_BY_STAGE[project.stage],
    type: TYPE_BY_KIND[project.kind],
    ...(sector.length ? { sector } : {}),
    additionalClassifications: [{ scheme: INDUSTRY_SCHEME, id: project.industryCode }],
    budget: {
      amount: { amount: yuanFromWan(project.totalInvestment), currency: CURRENCY },
      ...(plans.length
        ? {
            budgetBreakdowns: [
              {
                id: 'annualPlans',
                description: '年度计划投资',
                budgetBreakdown: plans.map((p) => ({
                  id: String(p.year),
                  description: `${p.year} 年度计划投资`,
                  amount: { amount: yuanFromWan(p.plannedInvestment), currency: CURRENCY },
                  period: { startDate: beijingDateTime(`${p.year}-01-01`), endDate: beijingDateTime(`${p.year}-12-31`) },
                })),
              },
            ],
          }
        : {}),
    },
    ...(Object.keys(period).length ? { period } : {}),
    ...(hasPoint
      ? {
          locations: [
            {
              id: '1',
              ...(place ? { description: place } : {}),
              // GeoJSON order: longitude first.
              geometry: { type: 'Point' as const, coordinates: [project.longitude!, project.latitude!] as [number, number] },
            },
          ],
        }
      : {}),
    parties,
    publicAuthority: authority,
    ...(milestones.length ? { milestones } : {}),
    ...(completedOn ? { completion: { endDate: beijingDateTime(completedOn) } } : {}),
  };
}

/**
 * The project package OC4IDS requires around projects. It must hold at least one project
 * (the schema says so); the caller decides what an empty selection means.
 */
export function toProjectPackage(
  projects: Oc4idsProject[],
  meta: { uri: string; publishedAt: Date; publisherName: string; license?: string | null; publicationPolicy?: string | null },
): Oc4idsPackage {
  if (projects.length === 0) throw new RangeError('an OC4IDS package holds at least one project');
  return {
    uri: meta.uri,
    publishedDate: beijingInstant(meta.publishedAt),
    version: OC4IDS_VERSION,
    publisher: { name: meta.publisherName },
    ...(meta.license ? { license: meta.license } : {}),
    ...(meta.publicationPolicy ? { publicationPolicy: meta.publicationPolicy } : {}),
    projects,
  };
}
