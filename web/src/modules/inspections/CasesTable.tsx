import { CheckCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import {
  INSPECTION_CASE_KINDS,
  INSPECTION_CASE_STATUSES,
  type InspectionCase,
  type InspectionCaseKind,
  type InspectionCaseStatus,
  shanghaiDate,
} from '../../../../src/contracts/index.js';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { useUrlListState } from '../../lib/use-url-list-state';
import { formatDateTime } from '../../lib/time';
import { yearOptions } from '../competition/competition';
import { useUnitLabel } from '../projects/shared/hooks';
import { CloseCaseModal } from './CloseCaseModal';
import { caseFilterFromSearch } from './inspections';
import { type CaseFilter, inspectionsApi } from './inspections-api';
import { CaseKindTag, CaseStatusTag, DepartmentSelect, FindingTag, LongText } from './labels';

/**
 * 督办案件: routine inspections beyond the limit and inspections an enterprise reports as
 * unregistered, open until the city's office closes them with a finding.
 */
export function CasesTable() {
  const { t } = useT();
  const can = useCan();
  const unitOf = useUnitLabel();
  const list = useUrlListState(caseFilterFromSearch, ['tab']);
  const [closing, setClosing] = useState<InspectionCase | null>(null);
  const canClose = can('inspection.manage');
  // A department sees only its own: no department to choose.
  const departmentFilter = !can('inspection.register');
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));

  const query = { ...list.filter, page: list.page, pageSize: list.pageSize };
  const cases = useQuery({
    queryKey: ['inspections', 'cases', query],
    queryFn: () => inspectionsApi.cases(query),
    placeholderData: keepPreviousData,
  });
  if (cases.error && !cases.data) return <LoadError error={cases.error} onRetry={() => void cases.refetch()} />;
  const set = (patch: CaseFilter) => list.setFilter({ ...list.filter, ...patch });

  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<number>
          allowClear
          style={{ width: 120 }}
          placeholder={t('inspections.allYears')}
          value={list.filter.year}
          onChange={(year) => set({ year: year ?? undefined })}
          options={yearOptions(thisYear).map((year) => ({ value: year, label: t('inspections.yearOnly', { year }) }))}
          data-testid="case-filter-year"
        />
        <Select<InspectionCaseStatus>
          allowClear
          style={{ width: 130 }}
          placeholder={t('inspections.allStatuses')}
          value={list.filter.status}
          onChange={(status) => set({ status: status ?? undefined })}
          options={INSPECTION_CASE_STATUSES.map((status) => ({ value: status, label: t(`inspections.caseStatus.${status}`) }))}
          data-testid="case-filter-status"
        />
        <Select<InspectionCaseKind>
          allowClear
          style={{ width: 150 }}
          placeholder={t('inspections.allCaseKinds')}
          value={list.filter.kind}
          onChange={(kind) => set({ kind: kind ?? undefined })}
          options={INSPECTION_CASE_KINDS.map((kind) => ({ value: kind, label: t(`inspections.caseKind.${kind}`) }))}
          data-testid="case-filter-kind"
        />
        {departmentFilter ? (
          <DepartmentSelect
            allowClear
            style={{ width: 200 }}
            placeholder={t('inspections.allDepartments')}
            value={list.filter.departmentId}
            onChange={(departmentId) => set({ departmentId: departmentId ?? undefined })}
            data-testid="case-filter-department"
          />
        ) : null}
      </Flex>
      <Table<InspectionCase>
        data-testid="case-table"
        rowKey="id"
        size="middle"
        loading={cases.isFetching}
        dataSource={cases.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('inspections.noCases')} /> }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: cases.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
        }}
        columns={[
          { title: t('common.status'), dataIndex: 'status', render: (status: InspectionCaseStatus) => <CaseStatusTag status={status} /> },
          { title: t('inspections.caseKind'), dataIndex: 'kind', render: (kind: InspectionCaseKind) => <CaseKindTag kind={kind} /> },
          { title: t('inspections.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('inspections.department'), dataIndex: 'departmentId', render: (id: number) => unitOf(id) },
          { title: t('inspections.occurredOn'), dataIndex: 'occurredOn' },
          {
            title: t('inspections.description'),
            key: 'description',
            render: (_, row) => <LongText text={row.description ?? (row.kind === 'over_limit' ? t('inspections.overLimitCase') : null)} />,
          },
          { title: t('inspections.openedAt'), dataIndex: 'openedAt', render: (at: string) => formatDateTime(at) },
          {
            title: t('inspections.result'),
            key: 'result',
            render: (_, row) =>
              row.finding ? (
                <Space orientation="vertical" size={2} data-testid={`case-result-${row.id}`}>
                  <FindingTag finding={row.finding} />
                  <LongText text={row.conclusion} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {row.closedBy
                      ? t('inspections.closedAtBy', { at: formatDateTime(row.closedAt), by: row.closedBy })
                      : formatDateTime(row.closedAt)}
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          ...(canClose
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, row: InspectionCase) =>
                    row.status === 'open' ? (
                      <Button
                        size="small"
                        type="primary"
                        icon={<CheckCircleOutlined />}
                        onClick={() => setClosing(row)}
                        data-testid={`case-close-${row.id}`}
                      >
                        {t('inspections.close.button')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {closing ? <CloseCaseModal item={closing} onClose={() => setClosing(null)} /> : null}
    </>
  );
}
