import type { InspectionKind, Role } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { closeCase, issueCode, rateInspection, registerInspection, reportUnregistered } from '../inspections/service.js';
import type { DemoAccount } from './seed.js';

/**
 * Enterprise code protection (扫码入企) in 2022: the operator issues codes to the city's
 * enterprises in January; two departments' inspectors register their inspections by scanning
 * through the year (one routine inspection of the demo enterprise over the limit: a case the
 * operator closes); the demo enterprise (the one with an account) rates what it saw and reports one inspection that came
 * without scanning (an open case). Everything goes through the services, each step as the
 * person who did it on its date, so the audit trail and the inboxes read as the year went.
 */
export const INSPECTION_DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'market', displayName: '市市场监管局 何伟', role: 'department', scope: { unitName: '衡阳市市场监督管理局' } },
];

export interface InspectionDemoResult {
  codes: number;
  inspections: number;
  cases: number;
}

const DEMO_ENTERPRISE = '衡阳示例新材料有限公司';
const CODED = 60;

const OFFICERS = {
  natres: [
    { name: '陈静', certificateNo: 'HN-ZR-430401' },
    { name: '黄磊', certificateNo: 'HN-ZR-430417' },
  ],
  market: [
    { name: '何伟', certificateNo: 'HN-SJ-430203' },
    { name: '罗芳', certificateNo: 'HN-SJ-430219' },
  ],
} as const;

const MATTERS: Record<keyof typeof OFFICERS, Record<InspectionKind, { purpose: string; legalBasis: string }>> = {
  natres: {
    routine: { purpose: '用地批后监管日常检查', legalBasis: '《中华人民共和国土地管理法》第六十七条' },
    random: { purpose: '“双随机、一公开”土地利用抽查', legalBasis: '《中华人民共和国土地管理法》第六十七条' },
    complaint: { purpose: '群众举报违法占地核查', legalBasis: '《中华人民共和国土地管理法》第六十七条' },
    emergency: { purpose: '汛期地质灾害隐患专项检查', legalBasis: '《地质灾害防治条例》第十九条' },
  },
  market: {
    routine: { purpose: '特种设备安全日常检查', legalBasis: '《中华人民共和国特种设备安全法》第五十七条' },
    random: { purpose: '“双随机、一公开”产品质量抽查', legalBasis: '《中华人民共和国产品质量法》第十五条' },
    complaint: { purpose: '消费者投诉产品质量核查', legalBasis: '《中华人民共和国产品质量法》第十八条' },
    emergency: { purpose: '节前食品安全专项检查', legalBasis: '《中华人民共和国食品安全法》第一百一十条' },
  },
};

const KINDS: readonly InspectionKind[] = ['routine', 'random', 'routine', 'complaint', 'routine', 'emergency'];

export async function loadInspectionDemo(db: Db, base: RequestContext, cityCode: string): Promise<InspectionDemoResult> {
  const users = new Map(
    (
      await db
        .selectFrom('identity_user as u')
        .leftJoin('org_unit as s', (j) => j.onRef('s.city_code', '=', 'u.city_code').onRef('s.id', '=', 'u.scope_unit_id'))
        .select(['u.id', 'u.username', 'u.role', 'u.scope_unit_id', 'u.scope_enterprise_id', 's.path'])
        .where('u.city_code', '=', cityCode)
        .where('u.username', 'in', ['operator', 'natres', 'market', 'enterprise'])
        .execute()
    ).map((u) => [u.username, u]),
  );
  let seq = 0;
  const as = (username: string, at: string): RequestContext => {
    const u = users.get(username)!;
    const actor: Actor = {
      userId: u.id,
      username: u.username,
      role: u.role as Role,
      cityCode,
      scopeUnitId: u.scope_unit_id,
      scopeUnitPath: u.path,
      scopeEnterpriseId: u.scope_enterprise_id,
    };
    return { ...base, actor, requestId: `${base.requestId}:i${++seq}`, now: new Date(`${at}+08:00`) };
  };

  // Codes for the demo enterprise and the first enterprises of the city by credit code.
  const enterprises = await db
    .selectFrom('org_enterprise')
    .select(['id', 'name'])
    .where('city_code', '=', cityCode)
    .orderBy((eb) => eb.case().when('name', '=', DEMO_ENTERPRISE).then(0).else(1).end())
    .orderBy('uscc')
    .limit(CODED)
    .execute();
  const tokens: string[] = [];
  for (const [i, e] of enterprises.entries()) {
    const day = String(4 + (i % 20)).padStart(2, '0');
    tokens.push((await issueCode(db, as('operator', `2022-01-${day}T09:30:00`), e.id)).token!);
  }

  // Through the year: each department visits a different enterprise each time (one routine
  // inspection of each by each department, within the limit of one), months spread evenly.
  let inspections = 0;
  for (let i = 0; i < 36; i++) {
    const department = i % 2 === 0 ? 'natres' : 'market';
    // Each department goes through the kinds in turn (mostly routine).
    const kind = KINDS[Math.floor(i / 2) % KINDS.length]!;
    const month = String(1 + ((i * 5) % 11) + 1).padStart(2, '0');
    const day = String(3 + ((i * 7) % 24)).padStart(2, '0');
    await registerInspection(db, as(department, `2022-${month}-${day}T${String(9 + (i % 7)).padStart(2, '0')}:15:00`), {
      token: tokens[1 + ((i * 7) % (tokens.length - 1))]!,
      kind,
      ...MATTERS[department][kind],
      inspectors: [...OFFICERS[department]],
    });
    inspections++;
  }
  // The demo enterprise: a routine inspection by each department, then a second routine one by
  // market regulation in the same year (over the limit: a case), and a random check.
  const demo = tokens[0]!;
  const own = [
    { department: 'market', at: '2022-03-15T10:00:00', kind: 'routine' },
    { department: 'natres', at: '2022-05-20T14:30:00', kind: 'routine' },
    { department: 'natres', at: '2022-08-09T09:40:00', kind: 'random' },
    { department: 'market', at: '2022-10-11T15:10:00', kind: 'routine' },
  ] as const;
  const ownIds: number[] = [];
  for (const o of own) {
    const created = await registerInspection(db, as(o.department, o.at), {
      token: demo,
      kind: o.kind,
      ...MATTERS[o.department][o.kind],
      inspectors: [...OFFICERS[o.department]],
    });
    ownIds.push(created.id);
    inspections++;
  }
  await rateInspection(db, as('enterprise', '2022-03-16T09:00:00'), ownIds[0]!, { rating: 5, comment: '出示执法证，检查规范高效' });
  await rateInspection(db, as('enterprise', '2022-05-21T09:00:00'), ownIds[1]!, { rating: 4, comment: null });
  await rateInspection(db, as('enterprise', '2022-10-12T09:00:00'), ownIds[3]!, { rating: 2, comment: '本年度已检查过，重复检查影响生产' });

  // The over-limit case closed by the operator; the enterprise's report of an unregistered visit left open.
  const overLimit = await db
    .selectFrom('inspection_case')
    .select(['id', 'version'])
    .where('city_code', '=', cityCode)
    .where('inspection_id', '=', ownIds[3]!)
    .executeTakeFirstOrThrow();
  await closeCase(db, as('operator', '2022-10-20T16:00:00'), overLimit.id, {
    version: overLimit.version,
    finding: 'substantiated',
    conclusion: '市市场监管局同一年度对该企业日常检查两次，超过上限；已约谈并责令整改，纳入年度营商环境考评扣分',
  });
  const safety = await db
    .selectFrom('org_unit')
    .select('id')
    .where('city_code', '=', cityCode)
    .where('name_zh', '=', '衡阳市应急管理局')
    .executeTakeFirstOrThrow();
  await reportUnregistered(db, as('enterprise', '2022-11-22T11:00:00'), {
    departmentId: safety.id,
    occurredOn: '2022-11-21',
    description: '两名自称应急管理部门的人员未扫码、未出示执法证件，直接进入生产车间检查并拍照',
  });
  const cases = await db
    .selectFrom('inspection_case')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('city_code', '=', cityCode)
    .executeTakeFirstOrThrow();
  return { codes: tokens.length, inspections, cases: Number(cases.n) };
}
