import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/endpoints';
import { useT } from '../../i18n';

export const UNREAD_KEY = ['notifications', 'unread'] as const;

/** The header's bell: how many of my notifications are unread (checked every minute), opening the inbox. */
export function NotificationBell() {
  const { t } = useT();
  const navigate = useNavigate();
  const unread = useQuery({ queryKey: UNREAD_KEY, queryFn: api.notifications.unreadCount, refetchInterval: 60_000 });
  const count = unread.data?.unread ?? 0;
  return (
    <Tooltip title={t('inbox.title')}>
      <Badge count={count} size="small" overflowCount={99} data-testid="inbox-badge" data-count={count}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('inbox.title')}
          onClick={() => navigate('/notifications')}
          data-testid="inbox-bell"
        />
      </Badge>
    </Tooltip>
  );
}
