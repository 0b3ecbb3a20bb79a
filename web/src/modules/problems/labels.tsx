import { useQuery } from '@tanstack/react-query';
import { Grid, Tag } from 'antd';
import type { AppealRating, EscalationLevel, ProblemKind, ProblemStatus, ProblemSummary } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';
import { deadlineState, ESCALATION_COLORS, STATUS_COLORS } from './problems';

const FIVE_MINUTES = 5 * 60_000;

/** Categories, limits and the ladder (every signed-in user may read them). */
export function useProblemSettings() {
  return useQuery({ queryKey: ['problems', 'settings'], queryFn: api.problems.settings, staleTime: FIVE_MINUTES });
}

/** The configured categories of a kind, as select options in the UI language. */
export function useCategoryOptions(kind: ProblemKind, activeOnly = false) {
  const { locale } = useT();
  const settings = useProblemSettings();
  const entries = kind === 'problem' ? settings.data?.problemCategories : settings.data?.appealCategories;
  const options = (entries ?? [])
    .filter((entry) => !activeOnly || entry.isActive)
    .map((entry) => ({ value: entry.key, label: locale === 'en-US' ? entry.nameEn : entry.nameZh }));
  const nameOf = (key: string) => options.find((option) => option.value === key)?.label ?? key;
  return { options, nameOf, isLoading: settings.isPending };
}

/** Phones (below md): cards instead of tables, drawers across the whole screen. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

export function ProblemStatusTag({ kind, status }: { kind: ProblemKind; status: ProblemStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="problem-status" data-status={status}>
      {t(kind === 'appeal' ? `appealStatus.${status}` : `problemStatus.${status}`)}
    </Tag>
  );
}

export function EscalationTag({ level }: { level: EscalationLevel | null }) {
  const { t } = useT();
  if (!level) return null;
  return (
    <Tag color={ESCALATION_COLORS[level]} data-testid="problem-escalation">
      {t(`escalationLevel.${level}`)}
    </Tag>
  );
}

export function RatingTag({ rating }: { rating: AppealRating | null }) {
  const { t } = useT();
  if (!rating) return null;
  const color = rating === 'satisfied' ? 'green' : rating === 'basic' ? 'blue' : 'red';
  return (
    <Tag color={color} data-testid="appeal-rating">
      {t(`appealRating.${rating}`)}
    </Tag>
  );
}

/** The deadline with its state: overdue in red, due soon in orange. */
export function DeadlineText({ item, today }: { item: Pick<ProblemSummary, 'status' | 'deadline' | 'isOverdue'>; today: string }) {
  const { t } = useT();
  const state = deadlineState(item, today);
  return (
    <span>
      {item.deadline ?? '—'}{' '}
      {state === 'overdue' ? (
        <Tag color="error" data-testid="problem-overdue">
          {t('problems.overdue')}
        </Tag>
      ) : state === 'dueSoon' ? (
        <Tag color="warning">{t('problems.dueSoon')}</Tag>
      ) : null}
    </span>
  );
}
