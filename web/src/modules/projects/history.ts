import { codeLabel, type Locale } from '../../../../src/contracts/index.js';
import { translateOptional, translateUi } from '../../i18n';
import { formatMoney } from './shared/money';

/** Names for the ids and codes a revision stores (the page knows them; the history does not). */
export interface HistoryNames {
  unit: (id: number) => string;
  leader: (id: number) => string;
  industry: (code: string) => string;
  chain: (key: string) => string;
  enterprise: (id: number) => string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** The label of a changed field, or the field name itself for one the UI does not know. */
export function historyFieldLabel(field: string, locale: Locale): string {
  return translateOptional(locale, `projectField.${field}`) ?? field;
}

/** One stored value of a revision as text; lists one entry a line. */
export function formatHistoryValue(field: string, value: unknown, locale: Locale, names: HistoryNames): string {
  if (value === null || value === undefined) return '—';
  const t = (key: Parameters<typeof translateUi>[1], params?: Record<string, string | number>) => translateUi(locale, key, params);
  switch (field) {
    case 'unitId':
    case 'parkId':
    case 'responsibleUnitId':
      return typeof value === 'number' ? names.unit(value) : str(value);
    case 'liaisonLeaderUserId':
      return typeof value === 'number' ? names.leader(value) : str(value);
    case 'ownerEnterpriseId':
      return typeof value === 'number' ? names.enterprise(value) : str(value);
    case 'industryCode':
      return names.industry(String(value));
    case 'industryChain':
      return names.chain(String(value));
    case 'category':
      return codeLabel('projectCategory', String(value), locale);
    case 'level':
      return codeLabel('projectLevel', String(value), locale);
    case 'kind':
      return codeLabel('projectKind', String(value), locale);
    case 'totalInvestment':
      return formatMoney(String(value), locale, 'wan');
    case 'milestones':
      return Array.isArray(value)
        ? value
            .filter(isRecord)
            .map((m) => {
              const kind = translateOptional(locale, `milestone.${String(m.kind)}`) ?? str(m.kind);
              return `${kind}: ${t('history.plannedActual', { planned: str(m.plannedOn), actual: str(m.actualOn) })}`;
            })
            .join('\n') || '—'
        : str(value);
    case 'taskForce':
      return Array.isArray(value)
        ? value
            .filter(isRecord)
            .map((m) => `${str(m.name)} · ${str(m.role)}${m.phone ? ` · ${str(m.phone)}` : ''}`)
            .join('\n') || '—'
        : str(value);
    case 'annualPlans':
      return Array.isArray(value)
        ? value
            .filter(isRecord)
            .map((p) => {
              const amount = formatMoney(str(p.plannedInvestment), locale, 'wan');
              return `${str(p.year)}: ${amount}${Array.isArray(p.monthly) ? ` ${t('history.withMonthly')}` : ''}`;
            })
            .join('\n') || '—'
        : str(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : str(value);
  }
}

/** Changed fields in the order of the form, unknown ones last. */
export const HISTORY_FIELD_ORDER = [
  'code',
  'name',
  'ownerEnterpriseId',
  'unitId',
  'parkId',
  'industryCode',
  'industryChain',
  'category',
  'level',
  'kind',
  'totalInvestment',
  'plannedStartOn',
  'plannedEndOn',
  'liaisonLeaderUserId',
  'responsibleUnitId',
  'latitude',
  'longitude',
  'description',
  'milestones',
  'annualPlans',
  'taskForce',
];

export function orderedChanges(changes: Record<string, { before: unknown; after: unknown }>) {
  const rank = (field: string) => {
    const index = HISTORY_FIELD_ORDER.indexOf(field);
    return index < 0 ? HISTORY_FIELD_ORDER.length : index;
  };
  return Object.entries(changes)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([field, change]) => ({ field, ...change }));
}
