import {
  type CreateDeal,
  CreateDealSchema,
  type Deal,
  DEAL_KINDS,
  type Locale,
  type RegistrySettings,
  codeLabel,
  formatIssues,
} from '../../../contracts/index.js';
import type { Executor, Tx } from '../../db/pool.js';
import type { RequestContext, Scope } from '../../lib/context.js';
import { createDealInTx, dealKey, duplicateKey, existingDeals, updateDealInTx } from '../deals/index.js';
import { unitsOfCity } from '../org/index.js';
import { industries, industryName, registrySettings } from '../settings/index.js';
import { type Cell, cellAddress } from './domain/cells.js';
import { ReferenceIndex } from './domain/references.js';
import { type CellProblem, DEAL_COLUMNS, type ListSource, type ParsedRow } from './domain/specs.js';

/** Units that file deals (as the deals service checks). */
const FILING_KINDS = ['district', 'county', 'county_level_city', 'park', 'township', 'platform_company'];

export async function dealReferences(db: Executor, scope: Scope) {
  const [units, settings] = await Promise.all([unitsOfCity(db, scope.cityCode), registrySettings(db, scope.cityCode)]);
  const filing = units
    .filter((u) => u.isActive && FILING_KINDS.includes(u.kind))
    .filter((u) => scope.kind === 'city' || (scope.kind === 'subtree' && u.path.startsWith(scope.path)))
    .map((u) => ({ id: u.id, name: u.nameZh }));
  return { units: new ReferenceIndex(filing), unitList: filing, settings };
}

export type DealReferences = Awaited<ReturnType<typeof dealReferences>>;

export function dealTemplateLists(refs: DealReferences, locale: Locale): Partial<Record<ListSource, string[]>> {
  const all = industries();
  return {
    units: refs.unitList.map(ReferenceIndex.label),
    industries: [...all.sections.map((s) => industryName(s.code)), ...all.divisions.map((d) => industryName(d.code))],
    sources: refs.settings.dealSources.filter((s) => s.isActive).map((s) => (locale === 'zh-CN' ? s.nameZh : s.nameEn)),
    dealKind: DEAL_KINDS.map((k) => codeLabel('dealKind', k, locale)),
    boolean: [codeLabel('boolean', 'true', locale), codeLabel('boolean', 'false', locale)],
  };
}

function sourceKey(settings: RegistrySettings, text: string): string | null {
  return settings.dealSources.find((s) => s.isActive && (s.key === text || s.nameZh === text || s.nameEn === text))?.key ?? null;
}

export interface ResolvedDealRow {
  row: number;
  input: CreateDeal;
  existing: Deal | null;
}

const FIELDS: (keyof CreateDeal)[] = [
  'projectName',
  'investorName',
  'investorUscc',
  'contractedAmount',
  'industryCode',
  'source',
  'signedOn',
  'registrationDeadline',
  'startDeadline',
  'productionDeadline',
  'isHighTech',
  'isStrategicEmerging',
  'plannedRdAmount',
  'plannedEnergyTce',
  'plannedAnnualOutput',
  'expectedAnnualTax',
  'landAreaMu',
  'note',
];

/** Parsed rows → filings: references, the form's schema, the natural key of each row. */
export async function resolveDealRows(
  db: Executor,
  scope: Scope,
  refs: DealReferences,
  rows: readonly ParsedRow[],
  positions: Map<string, number>,
  locale: Locale,
  today: string,
): Promise<{ items: ResolvedDealRow[]; problems: CellProblem[] }> {
  const existing = await existingDeals(db, scope);
  const items: ResolvedDealRow[] = [];
  const problems: CellProblem[] = [];
  const seen = new Map<string, number>();
  const at = (row: number, key: string) => {
    const column = positions.get(key) ?? DEAL_COLUMNS.findIndex((c) => c.key === key) + 1;
    return { row, column, cell: cellAddress(column, row), header: DEAL_COLUMNS.find((c) => c.key === key)?.header[locale] ?? key };
  };
  for (const { row, values: v } of rows) {
    const before = problems.length;
    let unitId: number | null = null;
    if (v.unit) {
      const found = refs.units.resolve(v.unit as { id: number } | { name: string });
      if (found.ok) unitId = found.item.id;
      else problems.push({ ...at(row, 'unit'), key: found.key });
    }
    let source: string | null = null;
    if (v.source) {
      source = sourceKey(refs.settings, String(v.source));
      if (!source) problems.push({ ...at(row, 'source'), key: 'deal.unknownSource' });
    }
    const input = {
      unitId: unitId ?? undefined,
      kind: (v.kind as CreateDeal['kind'] | null) ?? 'new',
      predecessorDealId: (v.predecessorDealId as number | null) ?? null,
      projectName: v.projectName as string,
      investorName: v.investorName as string,
      investorUscc: (v.investorUscc as string | null) ?? null,
      contractedAmount: v.contractedAmount as string,
      industryCode: v.industryCode as string,
      source: source ?? '',
      signedOn: v.signedOn as string,
      registrationDeadline: (v.registrationDeadline as string | null) ?? null,
      startDeadline: (v.startDeadline as string | null) ?? null,
      productionDeadline: (v.productionDeadline as string | null) ?? null,
      isHighTech: (v.isHighTech as boolean | null) ?? false,
      isStrategicEmerging: (v.isStrategicEmerging as boolean | null) ?? false,
      plannedRdAmount: (v.plannedRdAmount as string | null) ?? null,
      plannedEnergyTce: (v.plannedEnergyTce as string | null) ?? null,
      plannedAnnualOutput: (v.plannedAnnualOutput as string | null) ?? null,
      expectedAnnualTax: (v.expectedAnnualTax as string | null) ?? null,
      landAreaMu: (v.landAreaMu as string | null) ?? null,
      note: (v.note as string | null) ?? null,
    };
    if (problems.length === before) {
      const parsed = CreateDealSchema.safeParse(input);
      if (!parsed.success)
        for (const f of formatIssues(parsed.error.issues, locale))
          problems.push({ ...at(row, f.path.split('.')[0]!), key: 'validation.invalidValue' });
      if (input.signedOn && input.signedOn > today) problems.push({ ...at(row, 'signedOn'), key: 'deal.signedInFuture' });
      for (const field of ['registrationDeadline', 'startDeadline', 'productionDeadline'] as const) {
        if (input[field] && input.signedOn && input[field]! < input.signedOn)
          problems.push({ ...at(row, field), key: 'deal.deadlineBeforeSigning' });
      }
      if (input.kind !== 'new' && !input.predecessorDealId)
        problems.push({ ...at(row, 'predecessorDealId'), key: 'deal.predecessorRequired' });
      if (input.kind === 'new' && input.predecessorDealId)
        problems.push({ ...at(row, 'predecessorDealId'), key: 'deal.predecessorNotAllowed' });
    }
    if (problems.length !== before || unitId === null) continue;
    const key = dealKey(unitId, duplicateKey(input.investorName, input.investorUscc, input.projectName), input.signedOn);
    const first = seen.get(key);
    if (first) {
      problems.push({ ...at(row, 'projectName'), key: 'sheet.duplicateInFile', params: { row: first } });
      continue;
    }
    seen.set(key, row);
    items.push({ row, input: input as CreateDeal, existing: existing.get(key) ?? null });
  }
  return { items, problems };
}

/** Write the filings: new ones through the filing rules, changed ones as corrections, identical ones untouched. */
export async function writeDealRows(
  tx: Tx,
  ctx: RequestContext,
  items: readonly ResolvedDealRow[],
  onProgress: (done: number) => Promise<void>,
) {
  const outcome = { created: [] as number[], updated: [] as number[], unchanged: [] as number[] };
  let done = 0;
  for (const { input, existing } of items) {
    if (!existing) {
      outcome.created.push((await createDealInTx(tx, ctx, input)).id);
    } else {
      const changed = FIELDS.filter(
        (f) => JSON.stringify(input[f] ?? null) !== JSON.stringify((existing as unknown as Record<string, unknown>)[f] ?? null),
      );
      if (!changed.length) outcome.unchanged.push(existing.id);
      else {
        const patch = Object.fromEntries(changed.map((f) => [f, input[f]]));
        await updateDealInTx(tx, ctx, existing.id, { version: existing.version, ...patch });
        outcome.updated.push(existing.id);
      }
    }
    if (++done % 200 === 0) await onProgress(done);
  }
  await onProgress(done);
  return outcome;
}

export function dealExportRow(d: Deal, locale: Locale, sourceName: (key: string) => string): Cell[] {
  const bool = (b: boolean) => codeLabel('boolean', String(b), locale);
  const num = (s: string | null) => (s === null ? null : Number(s));
  return [
    `${d.unitName} [${d.unitId}]`,
    d.projectName,
    d.investorName,
    d.investorUscc,
    codeLabel('dealKind', d.kind, locale),
    d.predecessorDealId,
    num(d.contractedAmount),
    industryName(d.industryCode),
    sourceName(d.source),
    d.signedOn,
    d.registrationDeadline,
    d.startDeadline,
    d.productionDeadline,
    bool(d.isHighTech),
    bool(d.isStrategicEmerging),
    num(d.plannedRdAmount),
    num(d.plannedEnergyTce),
    num(d.plannedAnnualOutput),
    num(d.expectedAnnualTax),
    num(d.landAreaMu),
    d.note,
  ];
}
