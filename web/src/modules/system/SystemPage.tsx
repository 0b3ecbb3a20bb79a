import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Table, Tag } from 'antd';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime, splitDuration } from '../../lib/time';

export default function SystemPage() {
  const { t } = useT();
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: api.system.info });

  if (info.error) return <LoadError error={info.error} onRetry={() => void info.refetch()} />;
  const data = info.data;
  const policy = data?.passwordPolicy;

  return (
    <PageContainer title={t('system.title')}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title={t('system.software')} loading={info.isPending}>
          {data ? (
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'version', label: t('system.version'), children: <span data-testid="system-version">{data.version}</span> },
                { key: 'node', label: t('system.nodeVersion'), children: data.nodeVersion },
                { key: 'uptime', label: t('system.uptime'), children: t('system.uptimeValue', splitDuration(data.uptimeSeconds)) },
                {
                  key: 'demo',
                  label: t('system.demoMode'),
                  children: data.isDemo ? <Tag color="orange">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>,
                },
              ]}
            />
          ) : null}
        </Card>
        <Card title={t('system.database')} loading={info.isPending}>
          {data ? (
            <>
              <Descriptions
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'mode', label: t('system.dbMode'), children: t(`system.dbMode.${data.database.mode}`) },
                  { key: 'server', label: t('system.dbVersion'), children: data.database.serverVersion },
                ]}
              />
              <Table
                size="small"
                rowKey="name"
                pagination={false}
                title={() => t('system.migrations')}
                dataSource={data.database.migrations}
                columns={[
                  { title: t('system.migrationName'), dataIndex: 'name' },
                  { title: t('system.appliedAt'), dataIndex: 'appliedAt', render: (value: string) => formatDateTime(value) },
                ]}
              />
            </>
          ) : null}
        </Card>
        <Card title={t('system.security')} loading={info.isPending}>
          {data && policy ? (
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'idle', label: t('system.sessionIdle'), children: t('system.minutes', { n: data.sessionPolicy.idleMinutes }) },
                {
                  key: 'absolute',
                  label: t('system.sessionAbsolute'),
                  children: t('system.hours', { n: data.sessionPolicy.absoluteHours }),
                },
                { key: 'length', label: t('system.passwordMinLength'), children: t('system.characters', { n: policy.minLength }) },
                { key: 'classes', label: t('system.passwordMinClasses'), children: t('system.classes', { n: policy.minClasses }) },
                {
                  key: 'age',
                  label: t('system.passwordMaxAge'),
                  children: policy.maxAgeDays > 0 ? t('system.days', { n: policy.maxAgeDays }) : t('system.passwordNoExpiry'),
                },
                { key: 'lockout', label: t('system.lockout'), children: t('system.lockoutValue', data.lockout) },
                {
                  key: 'totp',
                  label: t('account.totp'),
                  children: data.totpRequiredForAll ? t('system.totpForAll') : t('system.totpAdminsOnly'),
                },
              ]}
            />
          ) : null}
        </Card>
      </Space>
    </PageContainer>
  );
}
