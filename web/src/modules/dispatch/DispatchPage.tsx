import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { MeetingSummarySchema } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { listPageFromSearch, listSearchFromPage } from './meeting-form';
import { MeetingDrawer } from './MeetingDrawer';

type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

/** 周调度: the weekly dispatch meetings, newest first; the operator records a new one from the proposed agenda. */
export default function DispatchPage() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const { page, pageSize } = useMemo(() => listPageFromSearch(search), [search]);
  const [creating, setCreating] = useState(false);

  const meetings = useQuery({
    queryKey: ['dispatch', 'list', page, pageSize],
    queryFn: () => api.dispatch.list({ page, pageSize }),
    placeholderData: keepPreviousData,
  });
  if (meetings.error && !meetings.data) return <LoadError error={meetings.error} onRetry={() => void meetings.refetch()} />;

  return (
    <PageContainer
      title={t('dispatch.title')}
      extra={
        can('dispatch.manage') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="dispatch-create">
            {t('dispatch.create')}
          </Button>
        ) : null
      }
    >
      <Table<MeetingSummary>
        data-testid="meeting-table"
        rowKey="id"
        size="middle"
        loading={meetings.isFetching}
        dataSource={meetings.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('dispatch.none')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: meetings.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (next, size) => setSearch(listSearchFromPage(size === pageSize ? next : 1, size)),
        }}
        columns={[
          {
            title: t('dispatch.heldOn'),
            dataIndex: 'heldOn',
            fixed: 'left',
            render: (heldOn: string, meeting) => (
              <Link to={`/dispatch/${meeting.id}`} data-testid={`meeting-link-${heldOn}`}>
                {heldOn}
              </Link>
            ),
          },
          {
            title: t('dispatch.meetingTitle'),
            dataIndex: 'title',
            render: (title: string | null, meeting) => title ?? t('dispatch.defaultTitle', { date: meeting.heldOn }),
          },
          { title: t('dispatch.chair'), dataIndex: 'chair' },
          { title: t('dispatch.agendaCount'), dataIndex: 'agendaCount', align: 'right' },
          { title: t('dispatch.taskCount'), dataIndex: 'taskCount', align: 'right' },
          {
            title: t('dispatch.openTaskCount'),
            dataIndex: 'openTaskCount',
            align: 'right',
            render: (count: number) => <Typography.Text type={count > 0 ? 'warning' : 'secondary'}>{count}</Typography.Text>,
          },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => formatDateTime(at) },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 80,
            render: (_, meeting) => <Link to={`/dispatch/${meeting.id}`}>{t('dispatch.view')}</Link>,
          },
        ]}
      />
      {creating ? (
        <MeetingDrawer
          onClose={() => setCreating(false)}
          onSaved={(meeting) => {
            setCreating(false);
            navigate(`/dispatch/${meeting.id}`);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
