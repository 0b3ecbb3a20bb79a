import { DownOutlined, LockOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Form, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ROLES, type Role, type User } from '../../../../src/contracts/index.js';
import { api, type UserFilter } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { SearchBar, StatusSelect, type StatusValue, statusToBoolean } from '../../components/SearchBar';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { useListState } from '../../lib/use-list-state';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';

interface SearchValues {
  q?: string;
  role?: Role;
  isActive?: StatusValue;
}

const USERS_KEY = ['users'] as const;

export default function UsersPage() {
  const { t } = useT();
  const can = useCan();
  const canManage = can('user.manage');
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const { message, modal } = App.useApp();
  const [searchForm] = Form.useForm<SearchValues>();
  const list = useListState<UserFilter>({});
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const query = { ...list.filter, page: list.page, pageSize: list.pageSize };
  const users = useQuery({
    queryKey: [...USERS_KEY, 'list', query],
    queryFn: () => api.users.list(query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: USERS_KEY });

  const act = useMutation({
    mutationFn: async ({ user, kind }: { user: User; kind: 'toggle' | 'unlock' | 'reset-totp' }) => {
      if (kind === 'toggle') return await api.users.update(user.id, { version: user.version, isActive: !user.isActive });
      if (kind === 'unlock') return await api.users.unlock(user.id);
      return await api.users.resetTotp(user.id);
    },
    onSuccess: (_user, { kind }) => {
      message.success(kind === 'unlock' ? t('users.unlocked') : kind === 'reset-totp' ? t('users.totpReset') : t('common.done'));
      void refresh();
    },
    onError: (error) => feedback(error, { onConflict: () => void refresh() }),
  });

  const confirmThen = (title: string, run: () => Promise<unknown>) =>
    modal.confirm({ title, okText: t('common.confirm'), cancelText: t('common.cancel'), onOk: () => run().catch(() => undefined) });

  if (users.error && !users.data) return <LoadError error={users.error} onRetry={() => void users.refetch()} />;

  return (
    <PageContainer
      title={t('users.title')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })} data-testid="user-create">
            {t('users.create')}
          </Button>
        ) : null
      }
    >
      <SearchBar<SearchValues>
        form={searchForm}
        onSearch={(values) => list.setFilter({ q: values.q, role: values.role, isActive: statusToBoolean(values.isActive) })}
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 200 }} data-testid="user-search-q" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Select<Role>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 170 }}
            options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="isActive" label={t('common.status')}>
          <StatusSelect />
        </Form.Item>
      </SearchBar>
      <Table<User>
        data-testid="user-table"
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
        }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 130 },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', width: 130, render: (role: Role) => <Tag color="blue">{t(`role.${role}`)}</Tag> },
          {
            title: t('users.scope'),
            key: 'scope',
            render: (_, user) => user.scopeEnterpriseName ?? user.scopeUnitName ?? '—',
          },
          {
            title: t('common.status'),
            key: 'status',
            width: 200,
            render: (_, user) => (
              <Space size={4} wrap>
                <StatusTag isActive={user.isActive} />
                {user.isLocked ? (
                  <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
                    <Tag color="red" icon={<LockOutlined />} data-testid="user-locked">
                      {t('users.locked')}
                    </Tag>
                  </Tooltip>
                ) : null}
                <Tooltip title={user.totpEnabled ? t('users.totpOn') : t('users.totpOff')}>
                  <Tag color={user.totpEnabled ? 'green' : 'default'} icon={<SafetyCertificateOutlined />}>
                    {t('users.totpBadge')}
                  </Tag>
                </Tooltip>
                {user.mustChangePassword ? <Tag color="orange">{t('users.mustChange')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            width: 170,
            render: (value: string | null) => formatDateTime(value) || '—',
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 200,
                  fixed: 'right' as const,
                  render: (_: unknown, user: User) => (
                    <Space>
                      <Typography.Link onClick={() => setEditing({ user })}>{t('common.edit')}</Typography.Link>
                      <Popconfirm
                        title={t(user.isActive ? 'common.confirmDisable' : 'common.confirmEnable', { name: user.displayName })}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => act.mutateAsync({ user, kind: 'toggle' }).catch(() => undefined)}
                      >
                        <Typography.Link type={user.isActive ? 'danger' : undefined}>
                          {user.isActive ? t('common.disable') : t('common.enable')}
                        </Typography.Link>
                      </Popconfirm>
                      <Dropdown
                        trigger={['click']}
                        menu={{
                          items: [
                            { key: 'reset-password', label: t('users.resetPassword') },
                            ...(user.isLocked ? [{ key: 'unlock', label: t('users.unlock') }] : []),
                            ...(user.totpEnabled ? [{ key: 'reset-totp', label: t('users.resetTotp') }] : []),
                          ],
                          onClick: ({ key }) => {
                            if (key === 'reset-password') setResetting(user);
                            if (key === 'unlock') {
                              confirmThen(t('users.confirmUnlock', { name: user.displayName }), () =>
                                act.mutateAsync({ user, kind: 'unlock' }),
                              );
                            }
                            if (key === 'reset-totp') {
                              confirmThen(t('users.confirmResetTotp', { name: user.displayName }), () =>
                                act.mutateAsync({ user, kind: 'reset-totp' }),
                              );
                            }
                          },
                        }}
                      >
                        <Typography.Link>
                          {t('users.more')} <DownOutlined />
                        </Typography.Link>
                      </Dropdown>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <UserFormModal
          user={editing.user}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
      {resetting ? (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(null)}
          onSaved={() => {
            setResetting(null);
            void refresh();
          }}
        />
      ) : null}
    </PageContainer>
  );
}
