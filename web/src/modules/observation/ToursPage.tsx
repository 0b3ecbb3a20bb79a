import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Progress, Select, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { OBSERVATION_STATUSES, type ObservationStatus, type TourSummary } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { PeriodText, TourStatusTag } from './labels';
import { listStateFromSearch, percentOf, searchFromListState } from './tour-form';
import { TourDrawer } from './TourDrawer';

/** The years a list may be filtered by: from next year back a decade. */
function yearOptions(): number[] {
  const now = new Date().getFullYear();
  return Array.from({ length: 11 }, (_, i) => now + 1 - i);
}

/**
 * 现场观摩: the tours, newest first, with how far their scoring has come; the operator drafts a
 * new one (criteria, sites, judges) in the drawer. Drafts are the operator's own.
 */
export default function ToursPage() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => listStateFromSearch(search), [search]);
  const [creating, setCreating] = useState(false);

  const query = { year: state.year, status: state.status, toScore: state.toScore, page: state.page, pageSize: state.pageSize };
  const tours = useQuery({
    queryKey: ['observation', 'list', query],
    queryFn: () => api.observation.list(query),
    placeholderData: keepPreviousData,
  });
  if (tours.error && !tours.data) return <LoadError error={tours.error} onRetry={() => void tours.refetch()} />;

  const statuses = can('observation.manage') ? OBSERVATION_STATUSES : OBSERVATION_STATUSES.filter((s) => s !== 'draft');

  return (
    <PageContainer
      title={t('observation.title')}
      extra={
        can('observation.manage') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tour-create">
            {t('observation.create')}
          </Button>
        ) : null
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<number>
          allowClear
          style={{ width: 140 }}
          placeholder={t('observation.allYears')}
          value={state.year}
          onChange={(year) => setSearch(searchFromListState({ ...state, year: year ?? undefined, page: 1 }))}
          options={yearOptions().map((year) => ({ value: year, label: t('observation.yearOnly', { year }) }))}
          data-testid="tour-filter-year"
        />
        <Select<ObservationStatus>
          allowClear
          style={{ width: 140 }}
          placeholder={t('observation.allStatuses')}
          value={state.status}
          onChange={(status) => setSearch(searchFromListState({ ...state, status: status ?? undefined, page: 1 }))}
          options={statuses.map((status) => ({ value: status, label: t(`observation.status.${status}`) }))}
          data-testid="tour-filter-status"
        />
        {state.toScore ? (
          <Tag
            closable
            color="blue"
            onClose={() => setSearch(searchFromListState({ ...state, toScore: undefined, page: 1 }))}
            style={{ alignSelf: 'center' }}
            data-testid="tour-filter-to-score"
          >
            {t('observation.filterToScore')}
          </Tag>
        ) : null}
      </Flex>
      <Table<TourSummary>
        data-testid="tour-table"
        rowKey="id"
        size="middle"
        loading={tours.isFetching}
        dataSource={tours.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('observation.none')} /> }}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: tours.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) =>
            setSearch(searchFromListState({ ...state, page: pageSize === state.pageSize ? page : 1, pageSize })),
        }}
        columns={[
          {
            title: t('observation.tourTitle'),
            dataIndex: 'title',
            fixed: 'left',
            render: (title: string, tour) => (
              <Link to={`/observation/${tour.id}`} data-testid={`tour-link-${tour.id}`}>
                {title}
              </Link>
            ),
          },
          {
            title: t('observation.period'),
            key: 'period',
            render: (_, tour) => <PeriodText year={tour.year} quarter={tour.quarter} />,
          },
          { title: t('observation.heldOn'), dataIndex: 'heldOn' },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (status: ObservationStatus) => <TourStatusTag status={status} />,
          },
          { title: t('observation.siteCount'), dataIndex: 'siteCount', align: 'right' },
          { title: t('observation.judgeCount'), dataIndex: 'judgeCount', align: 'right' },
          {
            title: t('observation.progress'),
            key: 'progress',
            width: 180,
            render: (_, tour) => (
              <Tooltip title={t('observation.progressOf', { scored: tour.scoredCount, expected: tour.expectedCount })}>
                <Progress
                  size="small"
                  percent={percentOf(tour.scoredCount, tour.expectedCount)}
                  format={() => `${tour.scoredCount}/${tour.expectedCount}`}
                  data-testid={`tour-progress-${tour.id}`}
                />
              </Tooltip>
            ),
          },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => formatDateTime(at) },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 80,
            render: (_, tour) => <Link to={`/observation/${tour.id}`}>{t('observation.view')}</Link>,
          },
        ]}
      />
      {creating ? (
        <TourDrawer
          onClose={() => setCreating(false)}
          onSaved={(tour) => {
            setCreating(false);
            navigate(`/observation/${tour.id}`);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
