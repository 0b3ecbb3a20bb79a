import {
  type CreateProject,
  CreateProjectSchema,
  type Locale,
  type MilestoneKind,
  type ProjectSummary,
  codeLabel,
  formatIssues,
} from '../../../contracts/index.js';
import type { Executor, Tx } from '../../db/pool.js';
import type { RequestContext, Scope } from '../../lib/context.js';
import { findActiveUsersByRole } from '../identity/index.js';
import { type UnitRef, enterprisesByUscc, importEnterprises, unitsOfCity } from '../org/index.js';
import { type ProjectImportRecord, checkProjectData, existingProjects, importProjects } from '../projects/index.js';
import { industries, industryName, registrySettings } from '../settings/index.js';
import { type Cell, cellAddress } from './domain/cells.js';
import { auditIds } from './domain/audit-ids.js';
import { ReferenceIndex } from './domain/references.js';
import { type CellProblem, PROJECT_COLUMNS, type ParsedRow, type ListSource } from './domain/specs.js';

const SHEET_MILESTONES: readonly MilestoneKind[] = ['start', 'completion', 'production'];

/** Everything a sheet may name, loaded once per import or template. */
export async function projectReferences(db: Executor, scope: Scope) {
  const [units, leaders, settings] = await Promise.all([
    unitsOfCity(db, scope.cityCode),
    findActiveUsersByRole(db, scope.cityCode, 'city_leader'),
    registrySettings(db, scope.cityCode),
  ]);
  const active = units.filter((u) => u.isActive);
  const inScope = active.filter((u) => scope.kind === 'city' || (scope.kind === 'subtree' && u.path.startsWith(scope.path)));
  const named = (u: UnitRef) => ({ ...u, id: u.id, name: u.nameZh });
  return {
    ownUnits: new ReferenceIndex(inScope.map(named)),
    parks: new ReferenceIndex(active.filter((u) => u.kind === 'park').map(named)),
    anyUnits: new ReferenceIndex(active.map(named)),
    departments: active.filter((u) => u.kind === 'department').map(named),
    leaders: new ReferenceIndex(leaders.map((l) => ({ id: l.id, name: l.displayName }))),
    leaderList: leaders.map((l) => ({ id: l.id, name: l.displayName })),
    chains: settings.industryChains.filter((c) => c.isActive),
    inScopeList: inScope.map(named),
    parkList: active.filter((u) => u.kind === 'park').map(named),
  };
}

export type ProjectReferences = Awaited<ReturnType<typeof projectReferences>>;

/** The drop-down lists of the project template. */
export function projectTemplateLists(refs: ProjectReferences, locale: Locale): Partial<Record<ListSource, string[]>> {
  const all = industries();
  return {
    units: refs.inScopeList.map(ReferenceIndex.label),
    parks: refs.parkList.map(ReferenceIndex.label),
    industries: [...all.sections.map((s) => industryName(s.code)), ...all.divisions.map((d) => industryName(d.code))],
    chains: refs.chains.map((c) => (locale === 'zh-CN' ? c.nameZh : c.nameEn)),
    projectCategory: ['industrial', 'infrastructure', 'social', 'ecological', 'agricultural', 'service', 'other'].map((c) =>
      codeLabel('projectCategory', c, locale),
    ),
    projectLevel: ['provincial', 'city', 'county'].map((c) => codeLabel('projectLevel', c, locale)),
    projectKind: ['new', 'continuing', 'preparatory'].map((c) => codeLabel('projectKind', c, locale)),
    leaders: refs.leaderList.map(ReferenceIndex.label),
    departments: refs.departments.map(ReferenceIndex.label),
  };
}

export interface ResolvedProjectRow {
  row: number;
  record: Omit<ProjectImportRecord, 'ownerEnterpriseId'> & { ownerUscc: string | null; ownerName: string | null };
  existingId: number | null;
}

const column = (key: string) => PROJECT_COLUMNS.findIndex((c) => c.key === key) + 1;

/**
 * Turn parsed rows into import records: resolve references, run the same checks as the
 * form (contract schema, dates, milestones, monthly plans), find the project each row
 * updates. Every problem is reported with its cell.
 */
export async function resolveProjectRows(
  db: Executor,
  scope: Scope,
  refs: ProjectReferences,
  rows: readonly ParsedRow[],
  positions: Map<string, number>,
  locale: Locale,
  today: string,
): Promise<{ items: ResolvedProjectRow[]; problems: CellProblem[] }> {
  const existing = await existingProjects(db, scope);
  const owners = await enterprisesByUscc(db, scope.cityCode);
  const items: ResolvedProjectRow[] = [];
  const problems: CellProblem[] = [];
  const seenCodes = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const at = (row: number, key: string) => {
    const col = positions.get(key) ?? column(key);
    const spec = PROJECT_COLUMNS.find((c) => c.key === key);
    return { row, column: col, cell: cellAddress(col, row), header: spec?.header[locale] ?? key };
  };

  // The milestone kinds this sheet has a column of (the others stay as they are).
  const sheetMilestones = SHEET_MILESTONES.filter((k) => positions.has(`${k}Planned`) || positions.has(`${k}Actual`));
  for (const { row, values: v } of rows) {
    const before = problems.length;
    const ref = <T>(key: string, index: ReferenceIndex<T & { id: number; name: string }>) => {
      const value = v[key] as { id: number } | { name: string } | null;
      if (!value) return null;
      const found = index.resolve(value);
      if (!found.ok) {
        problems.push({ ...at(row, key), key: found.key });
        return null;
      }
      return found.item;
    };
    const unit = ref('unit', refs.ownUnits);
    const park = ref('park', refs.parks);
    const leader = ref('leader', refs.leaders);
    const responsible = ref('responsibleUnit', refs.anyUnits);
    let chain: string | null = null;
    if (v.industryChain) {
      const text = String(v.industryChain);
      chain = refs.chains.find((c) => c.key === text || c.nameZh === text || c.nameEn === text)?.key ?? null;
      if (!chain) problems.push({ ...at(row, 'industryChain'), key: 'validation.invalidValue' });
    }
    const milestones = sheetMilestones.map((kind) => ({
      kind,
      plannedOn: (v[`${kind}Planned`] as string | null) ?? null,
      actualOn: (v[`${kind}Actual`] as string | null) ?? null,
    }));
    const months = Array.from({ length: 12 }, (_, i) => v[`month${i + 1}`] as string | null | undefined);
    const filledMonths = months.filter((m) => m !== null && m !== undefined);
    if (filledMonths.length && filledMonths.length < 12) problems.push({ ...at(row, 'month1'), key: 'sheet.monthsIncomplete' });
    let annualPlan: ProjectImportRecord['annualPlan'] = null;
    if (v.planYear !== null && v.planYear !== undefined) {
      if (!v.planInvestment) problems.push({ ...at(row, 'planInvestment'), key: 'sheet.planIncomplete' });
      else
        annualPlan = {
          year: v.planYear as number,
          plannedInvestment: v.planInvestment as string,
          monthly: filledMonths.length === 12 ? (months as string[]) : null,
        };
    }
    const input: CreateProject = {
      code: (v.code as string | null) ?? null,
      name: (v.name as string) ?? '',
      unitId: unit?.id ?? 1,
      industryCode: (v.industryCode as string) ?? '',
      category: v.category as CreateProject['category'],
      level: v.level as CreateProject['level'],
      kind: v.kind as CreateProject['kind'],
      totalInvestment: (v.totalInvestment as string) ?? '',
    };
    // The form's checks, on the fields the parsers did not already refuse.
    if (problems.length === before) {
      const parsed = CreateProjectSchema.safeParse(input);
      if (!parsed.success) {
        for (const f of formatIssues(parsed.error.issues, locale))
          problems.push({ ...at(row, f.path.split('.')[0]!), key: 'validation.invalidValue' });
      }
    }
    for (const p of checkProjectData(
      {
        plannedStartOn: v.plannedStartOn as string | null,
        plannedEndOn: v.plannedEndOn as string | null,
        milestones,
        annualPlans: annualPlan ? [annualPlan] : [],
      },
      today,
    )) {
      const key = p.path.startsWith('milestones.')
        ? `${milestones[Number(p.path.split('.')[1])]!.kind}Actual`
        : p.path.startsWith('annualPlans.')
          ? 'month1'
          : p.path;
      problems.push({ ...at(row, key), key: p.key, ...(p.params ? { params: p.params } : {}) });
    }
    const ownerUscc = (v.ownerUscc as string | null) ?? null;
    const ownerName = (v.ownerName as string | null) ?? null;
    if (ownerUscc && !owners.has(ownerUscc) && !ownerName) problems.push({ ...at(row, 'ownerName'), key: 'project.ownerNameRequired' });

    // Which project this row is: by code, else by unit + name; only the importer's own may change.
    let existingId: number | null = null;
    const code = input.code ?? null;
    if (code) {
      const first = seenCodes.get(code);
      if (first) problems.push({ ...at(row, 'code'), key: 'sheet.duplicateInFile', params: { row: first } });
      seenCodes.set(code, row);
      const match = existing.byCode.get(code);
      if (match && !match.isInScope) problems.push({ ...at(row, 'code'), key: 'project.duplicateCode' });
      existingId = match?.isInScope ? match.id : null;
    }
    if (unit) {
      const nameKey = `${unit.id}|${input.name}`;
      const first = seenNames.get(nameKey);
      if (first) problems.push({ ...at(row, 'name'), key: 'sheet.duplicateInFile', params: { row: first } });
      seenNames.set(nameKey, row);
      if (existingId === null && !code) existingId = existing.byUnitName.get(nameKey)?.id ?? null;
    }
    if (problems.length !== before) continue;
    items.push({
      row,
      existingId,
      record: {
        code,
        name: input.name,
        ownerUscc,
        ownerName,
        unitId: unit!.id,
        parkId: park?.id ?? null,
        industryCode: input.industryCode,
        industryChain: chain,
        category: input.category,
        level: input.level,
        kind: input.kind,
        totalInvestment: input.totalInvestment,
        plannedStartOn: (v.plannedStartOn as string | null) ?? null,
        plannedEndOn: (v.plannedEndOn as string | null) ?? null,
        latitude: (v.latitude as number | null) ?? null,
        longitude: (v.longitude as number | null) ?? null,
        liaisonLeaderUserId: leader?.id ?? null,
        responsibleUnitId: responsible?.id ?? null,
        description: (v.description as string | null) ?? null,
        milestones,
        annualPlan,
      },
    });
  }
  return { items, problems };
}

/**
 * Write resolved rows: owners first (the new ones registered at once, under the project's
 * unit), then the projects. The enterprises created are named in the import's audit record.
 */
export async function writeProjectRows(
  tx: Tx,
  ctx: RequestContext,
  cityCode: string,
  items: readonly ResolvedProjectRow[],
  onProgress: (done: number) => Promise<void>,
) {
  const known = await enterprisesByUscc(tx, cityCode);
  const ownerIds = new Map<string, number>();
  const missing = new Map<string, { uscc: string; name: string; unitId: number }>();
  for (const { record } of items) {
    const uscc = record.ownerUscc;
    if (!uscc || ownerIds.has(uscc) || missing.has(uscc)) continue;
    const found = known.get(uscc);
    if (found) ownerIds.set(uscc, found.id);
    else if (record.ownerName) missing.set(uscc, { uscc, name: record.ownerName, unitId: record.unitId });
  }
  const registered = await importEnterprises(tx, ctx, cityCode, [...missing.values()]);
  for (const [uscc, id] of registered.ids) ownerIds.set(uscc, id);
  const outcome = await importProjects(
    tx,
    ctx,
    cityCode,
    items.map(({ record, existingId }) => {
      const { ownerUscc, ownerName: _n, ...rest } = record;
      return { existingId, record: { ...rest, ownerEnterpriseId: ownerUscc ? (ownerIds.get(ownerUscc) ?? null) : null } };
    }),
    onProgress,
  );
  return { ...outcome, audit: registered.created.length ? auditIds('createdEnterprise', registered.created) : {} };
}

/** One export row in the column order of PROJECT_COLUMNS (so an export re-imports as it is). */
export function projectExportRow(
  p: ProjectSummary & {
    milestones: { kind: string; plannedOn: string | null; actualOn: string | null }[];
    plan: { year: number; plannedInvestment: string; monthly: string[] | null } | null;
    latitude: number | null;
    longitude: number | null;
    description: string | null;
  },
  locale: Locale,
  chainName: (key: string) => string,
): Cell[] {
  const m = (kind: string, which: 'plannedOn' | 'actualOn') => p.milestones.find((x) => x.kind === kind)?.[which] ?? null;
  const ref = (name: string | null, id: number | null) => (name && id ? `${name} [${id}]` : null);
  return [
    p.code,
    p.name,
    p.ownerUscc,
    p.ownerName,
    ref(p.unitName, p.unitId),
    ref(p.parkName, p.parkId),
    industryName(p.industryCode),
    p.industryChain ? chainName(p.industryChain) : null,
    codeLabel('projectCategory', p.category, locale),
    codeLabel('projectLevel', p.level, locale),
    codeLabel('projectKind', p.kind, locale),
    Number(p.totalInvestment),
    p.plannedStartOn,
    p.plannedEndOn,
    p.longitude,
    p.latitude,
    ref(p.liaisonLeaderName, p.liaisonLeaderUserId),
    ref(p.responsibleUnitName, p.responsibleUnitId),
    p.description,
    m('start', 'plannedOn'),
    m('start', 'actualOn'),
    m('completion', 'plannedOn'),
    m('completion', 'actualOn'),
    m('production', 'plannedOn'),
    m('production', 'actualOn'),
    p.plan?.year ?? null,
    p.plan ? Number(p.plan.plannedInvestment) : null,
    ...Array.from({ length: 12 }, (_, i) => (p.plan?.monthly?.[i] !== undefined ? Number(p.plan.monthly[i]) : null)),
  ];
}
