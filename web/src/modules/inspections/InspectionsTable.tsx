import { StarOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Rate, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { INSPECTION_KINDS, type Inspection, type InspectionKind, shanghaiDate } from '../../../../src/contracts/index.js';
import { useCan } from '../../app/session';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { useUrlListState } from '../../lib/use-url-list-state';
import { formatDateTime } from '../../lib/time';
import { yearOptions } from '../competition/competition';
import { useUnitLabel } from '../projects/shared/hooks';
import { fromYesNo, inspectionFilterFromSearch, toYesNo, type YesNo } from './inspections';
import { type InspectionFilter, inspectionsApi } from './inspections-api';
import { DepartmentSelect, KindTag, LongText, OverLimitTag } from './labels';
import { RateModal } from './RateModal';

/**
 * 检查记录: every inspection registered (of the enterprise, by the department, or the whole
 * city), newest first, with the enterprise's rating; the enterprise rates the unrated ones.
 */
export function InspectionsTable() {
  const { t } = useT();
  const can = useCan();
  const unitOf = useUnitLabel();
  const list = useUrlListState(inspectionFilterFromSearch);
  const [rating, setRating] = useState<Inspection | null>(null);
  const canRate = can('inspection.rate');
  // A department sees only its own inspections: no department to choose.
  const departmentFilter = !can('inspection.register');
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));

  const query = { ...list.filter, page: list.page, pageSize: list.pageSize };
  const inspections = useQuery({
    queryKey: ['inspections', 'list', query],
    queryFn: () => inspectionsApi.list(query),
    placeholderData: keepPreviousData,
  });
  if (inspections.error && !inspections.data) return <LoadError error={inspections.error} onRetry={() => void inspections.refetch()} />;
  const set = (patch: InspectionFilter) => list.setFilter({ ...list.filter, ...patch });

  return (
    <>
      <Flex gap={12} wrap justify="space-between" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <Select<number>
            allowClear
            style={{ width: 120 }}
            placeholder={t('inspections.allYears')}
            value={list.filter.year}
            onChange={(year) => set({ year: year ?? undefined })}
            options={yearOptions(thisYear).map((year) => ({ value: year, label: t('inspections.yearOnly', { year }) }))}
            data-testid="inspection-filter-year"
          />
          {departmentFilter ? (
            <DepartmentSelect
              allowClear
              style={{ width: 200 }}
              placeholder={t('inspections.allDepartments')}
              value={list.filter.departmentId}
              onChange={(departmentId) => set({ departmentId: departmentId ?? undefined })}
              data-testid="inspection-filter-department"
            />
          ) : null}
          <Select<InspectionKind>
            allowClear
            style={{ width: 150 }}
            placeholder={t('inspections.allKinds')}
            value={list.filter.kind}
            onChange={(kind) => set({ kind: kind ?? undefined })}
            options={INSPECTION_KINDS.map((kind) => ({ value: kind, label: t(`inspections.kind.${kind}`) }))}
            data-testid="inspection-filter-kind"
          />
          <Select<YesNo>
            allowClear
            style={{ width: 150 }}
            placeholder={t('inspections.filterOverLimit')}
            value={toYesNo(list.filter.overLimit)}
            onChange={(value) => set({ overLimit: fromYesNo(value) })}
            options={[
              { value: 'yes', label: t('inspections.overLimit') },
              { value: 'no', label: t('inspections.withinLimit') },
            ]}
            data-testid="inspection-filter-over-limit"
          />
          <Select<YesNo>
            allowClear
            style={{ width: 150 }}
            placeholder={t('inspections.filterRated')}
            value={toYesNo(list.filter.rated)}
            onChange={(value) => set({ rated: fromYesNo(value) })}
            options={[
              { value: 'yes', label: t('inspections.rated') },
              { value: 'no', label: t('inspections.notRated') },
            ]}
            data-testid="inspection-filter-rated"
          />
        </Flex>
        <ExportButton testId="inspection-export" run={() => inspectionsApi.export(list.filter, t('inspections.exportName'))} />
      </Flex>
      <Table<Inspection>
        data-testid="inspection-table"
        rowKey="id"
        size="middle"
        loading={inspections.isFetching}
        dataSource={inspections.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('inspections.none')} /> }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: inspections.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
        }}
        columns={[
          { title: t('inspections.registeredAt'), dataIndex: 'registeredAt', render: (at: string) => formatDateTime(at) },
          { title: t('inspections.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('inspections.department'), dataIndex: 'departmentId', render: (id: number) => unitOf(id) },
          {
            title: t('inspections.kindLabel'),
            key: 'kind',
            render: (_, row) => (
              <Space size={4} wrap>
                <KindTag kind={row.kind} />
                {row.overLimit ? <OverLimitTag /> : null}
              </Space>
            ),
          },
          { title: t('inspections.purpose'), dataIndex: 'purpose', render: (text: string) => <LongText text={text} /> },
          { title: t('inspections.legalBasis'), dataIndex: 'legalBasis', render: (text: string) => <LongText text={text} /> },
          {
            title: t('inspections.inspectors'),
            dataIndex: 'inspectors',
            render: (inspectors: Inspection['inspectors']) => (
              <Flex vertical>
                {inspectors.map((inspector) => (
                  <span key={inspector.certificateNo}>
                    {t('inspections.inspectorText', { name: inspector.name, certificateNo: inspector.certificateNo })}
                  </span>
                ))}
              </Flex>
            ),
          },
          { title: t('inspections.registeredBy'), dataIndex: 'registeredBy' },
          {
            title: t('inspections.rating'),
            key: 'rating',
            render: (_, row) =>
              row.rating === null ? (
                <Typography.Text type="secondary">{t('inspections.notRated')}</Typography.Text>
              ) : (
                <Flex vertical data-testid={`inspection-rating-${row.id}`} data-rating={row.rating}>
                  <Rate disabled value={row.rating} style={{ fontSize: 14 }} />
                  {row.ratingComment ? <LongText text={row.ratingComment} /> : null}
                </Flex>
              ),
          },
          ...(canRate
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, row: Inspection) =>
                    row.rating === null ? (
                      <Button
                        size="small"
                        type="primary"
                        icon={<StarOutlined />}
                        onClick={() => setRating(row)}
                        data-testid={`inspection-rate-${row.id}`}
                      >
                        {t('inspections.rate.button')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {rating ? <RateModal inspection={rating} onClose={() => setRating(null)} /> : null}
    </>
  );
}
