import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { LIMITS, type Notification } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { inAppLink } from './inbox';

/** 消息中心: my notifications, newest first; opening one marks it read and goes to its item. */
export default function InboxPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [paging, setPaging] = useState({ page: 1, pageSize: LIMITS.pageSizeDefault as number });
  const query = { unreadOnly: unreadOnly || undefined, ...paging };
  const list = useQuery({
    queryKey: ['notifications', 'list', query],
    queryFn: () => api.notifications.list(query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({ mutationFn: api.notifications.markRead, onSuccess: refresh, onError: (e) => feedback(e) });
  const markAll = useMutation({ mutationFn: api.notifications.markAllRead, onSuccess: refresh, onError: (e) => feedback(e) });

  if (list.error && !list.data) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const open = async (notification: Notification) => {
    if (!notification.isRead) await markRead.mutateAsync(notification.id).catch(() => undefined);
    const link = inAppLink(notification.link);
    if (link) navigate(link);
  };

  return (
    <PageContainer
      title={t('inbox.title')}
      extra={
        <Space wrap>
          <Segmented<'all' | 'unread'>
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(value) => {
              setUnreadOnly(value === 'unread');
              setPaging((current) => ({ ...current, page: 1 }));
            }}
            options={[
              { value: 'all', label: t('inbox.all') },
              { value: 'unread', label: t('inbox.unread', { count: list.data?.unread ?? 0 }) },
            ]}
            data-testid="inbox-filter"
          />
          <Button
            icon={<CheckOutlined />}
            disabled={(list.data?.unread ?? 0) === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
            data-testid="inbox-read-all"
          >
            {t('inbox.markAllRead')}
          </Button>
        </Space>
      }
    >
      <Card size="small">
        <List<Notification>
          data-testid="inbox-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('inbox.none')} /> }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            size: 'small',
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          renderItem={(notification) => (
            <List.Item
              data-testid={`inbox-item-${notification.id}`}
              actions={[
                ...(notification.link
                  ? [
                      <Button
                        key="open"
                        type="link"
                        size="small"
                        onClick={() => void open(notification)}
                        data-testid={`inbox-open-${notification.id}`}
                      >
                        {t('inbox.open')}
                      </Button>,
                    ]
                  : []),
                ...(notification.isRead
                  ? []
                  : [
                      <Button
                        key="read"
                        type="link"
                        size="small"
                        onClick={() => markRead.mutate(notification.id)}
                        data-testid={`inbox-read-${notification.id}`}
                      >
                        {t('inbox.markRead')}
                      </Button>,
                    ]),
              ]}
            >
              <List.Item.Meta
                avatar={<Badge status={notification.isRead ? 'default' : 'processing'} />}
                title={
                  <Space wrap size={4}>
                    <Tag>{t(`notificationKind.${notification.kind}`)}</Tag>
                    <Typography.Text strong={!notification.isRead}>{notification.text}</Typography.Text>
                  </Space>
                }
                description={formatDateTime(notification.createdAt)}
              />
            </List.Item>
          )}
        />
      </Card>
    </PageContainer>
  );
}
