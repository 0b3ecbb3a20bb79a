import {
  type CommitmentItem,
  CommitmentItemInputSchema,
  type ItemKind,
  type LetterKind,
  type MilestoneKind,
  toUnits,
} from '../../../../src/contracts/index.js';

/** Which inputs an item kind takes (the server refuses the others, or requires them). */
export function kindNeeds(kind: ItemKind | undefined): { project: boolean; milestone: boolean; amount: boolean; count: boolean } {
  return {
    project: kind?.startsWith('project_') ?? false,
    milestone: kind === 'project_milestone',
    amount: kind === 'project_investment' || kind === 'unit_investment',
    count: kind === 'unit_starts',
  };
}

/** The kinds offered first for a letter: a safety letter's items are recorded by hand. */
export function kindsFor(letterKind: LetterKind, all: readonly ItemKind[]): ItemKind[] {
  return letterKind === 'safety' ? ['manual', ...all.filter((k) => k !== 'manual')] : [...all];
}

export interface ItemFormValues {
  kind?: ItemKind;
  projectId?: number | null;
  /** The project's name, to show the current choice before the picker has searched. */
  projectName?: string | null;
  milestoneKind?: MilestoneKind | null;
  deadline?: string | null;
  committedAmount?: string | null;
  committedCount?: number | null;
  weight?: number | null;
  description?: string | null;
}

export function itemFormValues(item: CommitmentItem): ItemFormValues {
  return {
    kind: item.kind,
    projectId: item.projectId,
    projectName: item.projectName,
    milestoneKind: item.milestoneKind,
    deadline: item.deadline,
    committedAmount: item.committedAmount,
    committedCount: item.committedCount,
    weight: item.weight,
    description: item.description ?? '',
  };
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * One item as the API takes it: only the inputs its kind uses (a project left on a unit-total
 * item would be refused), blanks left out so the schema names what is missing.
 */
export function itemPayload(values: ItemFormValues): Record<string, unknown> {
  const needs = kindNeeds(values.kind);
  const out: Record<string, unknown> = { kind: values.kind };
  if (needs.project) out.projectId = values.projectId ?? undefined;
  if (needs.milestone) out.milestoneKind = values.milestoneKind ?? undefined;
  if (!blank(values.deadline)) out.deadline = values.deadline;
  if (needs.amount && !blank(values.committedAmount)) out.committedAmount = String(values.committedAmount).trim();
  if (needs.count && !blank(values.committedCount)) out.committedCount = values.committedCount;
  out.weight = blank(values.weight) ? 1 : values.weight;
  out.description = blank(values.description) ? null : String(values.description).trim();
  return out;
}

export type ItemSnapshot = ReturnType<typeof CommitmentItemInputSchema.parse>;

/** An amendment's item list (stored as JSON): the items it can read, the rest left out. */
export function readSnapshot(value: unknown): ItemSnapshot[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const parsed = CommitmentItemInputSchema.safeParse(clean(entry));
    return parsed.success ? [parsed.data] : [];
  });
}

/** Stored snapshots carry nulls for absent inputs; the input schema wants them absent or null as it allows. */
function clean(entry: unknown): unknown {
  if (!entry || typeof entry !== 'object') return entry;
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== null && v !== undefined));
}

export const COMPARED_FIELDS = [
  'kind',
  'projectId',
  'milestoneKind',
  'deadline',
  'committedAmount',
  'committedCount',
  'weight',
  'description',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface ItemChange {
  position: number;
  change: 'added' | 'removed' | 'changed' | 'same';
  before: ItemSnapshot | null;
  after: ItemSnapshot | null;
  fields: ComparedField[];
}

function sameValue(field: ComparedField, a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : v);
  if (field === 'committedAmount' && typeof a === 'string' && typeof b === 'string') return toUnits(a) === toUnits(b);
  return norm(a) === norm(b);
}

/** Items before and after an amendment, side by side by position, with the inputs that changed. */
export function amendmentChanges(before: unknown, after: unknown): ItemChange[] {
  const a = readSnapshot(before);
  const b = readSnapshot(after);
  return Array.from({ length: Math.max(a.length, b.length) }, (_, position) => {
    const x = a[position] ?? null;
    const y = b[position] ?? null;
    if (!x) return { position, change: 'added' as const, before: null, after: y, fields: [] };
    if (!y) return { position, change: 'removed' as const, before: x, after: null, fields: [] };
    const fields = COMPARED_FIELDS.filter((field) => !sameValue(field, x[field], y[field]));
    return { position, change: fields.length ? ('changed' as const) : ('same' as const), before: x, after: y, fields };
  });
}
