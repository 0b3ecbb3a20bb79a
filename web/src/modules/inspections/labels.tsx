import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { InspectionCaseFinding, InspectionCaseKind, InspectionCaseStatus, InspectionKind } from '../../../../src/contracts/index.js';
import { useT } from '../../i18n';
import { localName } from '../../lib/names';
import { inspectionsApi } from './inspections-api';

const KIND_COLORS: Record<InspectionKind, string> = { routine: 'blue', random: 'cyan', complaint: 'purple', emergency: 'volcano' };
const CASE_KIND_COLORS: Record<InspectionCaseKind, string> = { over_limit: 'red', unregistered: 'orange' };
const CASE_STATUS_COLORS: Record<InspectionCaseStatus, string> = { open: 'processing', closed: 'success' };
const FINDING_COLORS: Record<InspectionCaseFinding, string> = { substantiated: 'red', unfounded: 'default' };

/** 日常检查 / 双随机抽查 / 投诉举报核查 / 应急（专项）检查. */
export function KindTag({ kind }: { kind: InspectionKind }) {
  const { t } = useT();
  return (
    <Tag color={KIND_COLORS[kind]} data-testid="inspection-kind" data-kind={kind}>
      {t(`inspections.kind.${kind}`)}
    </Tag>
  );
}

/** 超频次: a routine inspection beyond the year's limit. */
export function OverLimitTag() {
  const { t } = useT();
  return (
    <Tag color="red" data-testid="inspection-over-limit">
      {t('inspections.overLimit')}
    </Tag>
  );
}

export function CaseKindTag({ kind }: { kind: InspectionCaseKind }) {
  const { t } = useT();
  return (
    <Tag color={CASE_KIND_COLORS[kind]} data-testid="case-kind" data-kind={kind}>
      {t(`inspections.caseKind.${kind}`)}
    </Tag>
  );
}

export function CaseStatusTag({ status }: { status: InspectionCaseStatus }) {
  const { t } = useT();
  return (
    <Tag color={CASE_STATUS_COLORS[status]} data-testid="case-status" data-status={status}>
      {t(`inspections.caseStatus.${status}`)}
    </Tag>
  );
}

export function FindingTag({ finding }: { finding: InspectionCaseFinding }) {
  const { t } = useT();
  return (
    <Tag color={FINDING_COLORS[finding]} data-testid="case-finding-tag" data-finding={finding}>
      {t(`inspections.finding.${finding}`)}
    </Tag>
  );
}

/** The city's law-enforcement departments, in the UI language, for pickers and filters. */
export function useDepartmentOptions() {
  const { locale } = useT();
  const departments = useQuery({ queryKey: ['inspections', 'departments'], queryFn: inspectionsApi.departments, staleTime: 5 * 60_000 });
  const options = useMemo(
    () => (departments.data?.items ?? []).map((unit) => ({ value: unit.id, label: localName(unit.nameZh, unit.nameEn, locale) })),
    [departments.data, locale],
  );
  return { options, isLoading: departments.isLoading };
}

/** A department picker (searchable by name). */
export function DepartmentSelect(props: Omit<SelectProps<number>, 'options'> & { 'data-testid'?: string }) {
  const { options, isLoading } = useDepartmentOptions();
  return <Select<number> showSearch={{ optionFilterProp: 'label' }} loading={isLoading} options={options} {...props} />;
}

/** A long text in a table cell: two lines, the rest on hover. */
export function LongText({ text }: { text: string | null }) {
  if (!text) return <>—</>;
  return (
    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0, maxWidth: 260 }}>
      {text}
    </Typography.Paragraph>
  );
}
