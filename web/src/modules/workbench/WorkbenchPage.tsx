import { localName, scopeName } from '../../lib/names';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { type Action, scopeFor } from '../../../../src/contracts/index.js';
import { visibleMenu } from '../../app/menu';
import { useSession } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { TodoCard } from './TodoCard';

/** Who I am, where my jurisdiction ends and what I may do: all from the session, nothing invented. */
export default function WorkbenchPage() {
  const { t, locale } = useT();
  const session = useSession();
  const navigate = useNavigate();
  const { user } = session;
  const shortcuts = visibleMenu({ permissions: session.permissions }).filter((entry) => entry.path !== '/');
  const scope = scopeName(user, locale) ?? t('header.cityWide');

  return (
    <PageContainer title={t('menu.workbench')}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {/* What waits comes first: it is what a clerk opens Juli for. */}
        <TodoCard />
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="welcome">
            {t('workbench.welcome', { name: user.displayName })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('workbench.intro')}</Typography.Paragraph>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'role', label: t('workbench.role'), children: <Tag color="blue">{t(`role.${user.role}`)}</Tag> },
              { key: 'city', label: t('workbench.city'), children: localName(user.cityName, user.cityNameEn, locale) },
              { key: 'scope', label: t('workbench.scope'), children: <span data-testid="workbench-scope">{scope}</span> },
              {
                key: 'totp',
                label: t('workbench.totp'),
                children: user.totpEnabled ? <Tag color="green">{t('workbench.totpOn')}</Tag> : <Tag>{t('workbench.totpOff')}</Tag>,
              },
            ]}
          />
          <Typography.Text type="secondary">
            {t('workbench.sessionExpires', { time: formatDateTime(session.absoluteExpiresAt) })}
          </Typography.Text>
        </Card>
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={14}>
            <Card title={t('workbench.permissions')}>
              {session.permissions.length === 0 ? (
                <Empty description={t('workbench.noPermissions')} />
              ) : (
                <Table<{ action: Action }>
                  data-testid="workbench-permissions"
                  size="small"
                  pagination={false}
                  rowKey="action"
                  dataSource={session.permissions.map((action) => ({ action }))}
                  columns={[
                    { title: t('workbench.permission'), dataIndex: 'action', render: (action: Action) => t(`action.${action}`) },
                    {
                      title: t('workbench.reach'),
                      dataIndex: 'action',
                      key: 'reach',
                      render: (action: Action) => {
                        const reach = scopeFor(user.role, action);
                        return reach ? t(`scopeKind.${reach}`) : '';
                      },
                    },
                  ]}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('workbench.shortcuts')}>
              <Space wrap>
                {shortcuts.map((entry) => (
                  <Button key={entry.path} onClick={() => navigate(entry.path)}>
                    {t(entry.labelKey)}
                  </Button>
                ))}
              </Space>
            </Card>
          </Col>
        </Row>
      </Space>
    </PageContainer>
  );
}
