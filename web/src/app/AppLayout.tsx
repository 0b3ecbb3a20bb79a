import { localName, scopeName } from '../lib/names';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BulbOutlined,
  DashboardOutlined,
  ExceptionOutlined,
  ScheduleOutlined,
  FileWordOutlined,
  FormOutlined,
  FundOutlined,
  FundProjectionScreenOutlined,
  InfoCircleOutlined,
  IssuesCloseOutlined,
  PieChartOutlined,
  CustomerServiceOutlined,
  LogoutOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Grid, Layout, Menu, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/endpoints';
import { DemoBanner } from '../components/DemoBanner';
import { FullPageSpin } from '../components/FullPageSpin';
import { LangSwitch } from '../components/LangSwitch';
import { NotificationBell } from '../modules/notifications/NotificationBell';
import { useT } from '../i18n';
import { entryForPath, type MenuIcon, visibleMenu } from './menu';
import { forgetSession, useMeta, useSession } from './session';

const ICONS: Record<MenuIcon, ReactNode> = {
  workbench: <DashboardOutlined />,
  units: <ApartmentOutlined />,
  enterprises: <BankOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  system: <InfoCircleOutlined />,
  account: <UserOutlined />,
  cockpit: <FundProjectionScreenOutlined />,
  lights: <BulbOutlined />,
  warnings: <AlertOutlined />,
  packs: <FileWordOutlined />,
  reports: <FormOutlined />,
  missing: <ExceptionOutlined />,
  funds: <FundOutlined />,
  boards: <TrophyOutlined />,
  commitments: <SolutionOutlined />,
  dispatch: <ScheduleOutlined />,
  problems: <IssuesCloseOutlined />,
  problemMetrics: <PieChartOutlined />,
  appeals: <CustomerServiceOutlined />,
};

export function AppLayout() {
  const { t, locale } = useT();
  const session = useSession();
  const meta = useMeta();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [isLoggingOut, setLoggingOut] = useState(false);
  // A phone: the menu folds away entirely and the header keeps only what fits.
  const narrow = Grid.useBreakpoint().md === false;

  const entries = visibleMenu({ permissions: session.permissions, mustChangePassword: session.mustChangePassword });
  const selected = entryForPath(location.pathname);
  const { user } = session;
  const scope = scopeName(user, locale) ?? t('header.cityWide');

  const logout = async () => {
    setLoggingOut(true);
    try {
      await api.auth.logout();
    } catch {
      // Signed out on the server already (expired) or unreachable: the local session goes anyway.
    } finally {
      forgetSession(queryClient);
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        className="juli-sider"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={208}
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 80}
      >
        <Flex align="center" justify="center" style={{ height: 56, color: '#fff', fontSize: collapsed ? 16 : 18, fontWeight: 600 }}>
          {collapsed ? '聚力' : '聚力 Juli'}
        </Flex>
        <Menu
          data-testid="side-menu"
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected.path] : []}
          items={entries.map((entry) => ({ key: entry.path, icon: ICONS[entry.icon], label: t(entry.labelKey) }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      {/* minWidth 0 lets wide tables scroll inside the content instead of stretching the page. */}
      <Layout style={{ minWidth: 0 }}>
        {/* Above the content only: the side menu keeps the whole height of the window. */}
        {meta.data?.isDemo ? <DemoBanner /> : null}
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: narrow ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {narrow ? (
            <span />
          ) : (
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="header-city">
              {localName(user.cityName, user.cityNameEn, locale)}
            </Typography.Text>
          )}
          <Space size={narrow ? 'small' : 'middle'}>
            <Tooltip title={narrow ? `${user.displayName} · ${t(`role.${user.role}`)} · ${scope}` : undefined}>
              <Space size={4}>
                <UserOutlined />
                {narrow ? null : <Typography.Text data-testid="header-user">{user.displayName}</Typography.Text>}
              </Space>
            </Tooltip>
            {narrow ? null : (
              <>
                <Tag color="blue" data-testid="header-role">
                  {t(`role.${user.role}`)}
                </Tag>
                <Tooltip title={t('header.scope')}>
                  <Typography.Text type="secondary" data-testid="header-scope">
                    {scope}
                  </Typography.Text>
                </Tooltip>
              </>
            )}
            <NotificationBell />
            <LangSwitch />
            <Button
              data-testid="logout"
              icon={<LogoutOutlined />}
              loading={isLoggingOut}
              onClick={() => void logout()}
              aria-label={t('header.logout')}
            >
              {narrow ? null : t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: narrow ? 12 : 24 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: token.colorTextSecondary }}>
          聚力 Juli {meta.data ? `· ${t('login.version', { version: meta.data.version })}` : ''}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
