import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Flex, Space, Steps, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { codeLabel, type Project, shanghaiDate } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan, useSession } from '../../app/session';
import { NotFoundPage } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { FeedbackTimeline } from '../reports/FeedbackTimeline';
import { formatHistoryValue, historyFieldLabel, orderedChanges } from './history';
import { DealStageTag, ProjectStageTag } from './labels';
import { milestoneViews } from './milestones';
import { ProjectFormDrawer } from './ProjectFormDrawer';
import { ProjectPosition } from './ProjectPosition';
import { entryName, useIndustries, useLeaders, useRegistrySettings, useUnitLabel } from './shared/hooks';
import { industryLabel } from './shared/industry';
import { differenceOf, formatAmount, formatMoney, formatMoneyLong, sumAmounts } from './shared/money';

const TABS = ['overview', 'milestones', 'plans', 'feedback', 'location', 'deals', 'history'] as const;
type TabKey = (typeof TABS)[number];

/** 项目详情: one project in tabs; the tab is in the URL (?tab=) so it survives a reload and a link. */
export default function ProjectDetailPage() {
  const { id } = useParams();
  const projectId = Number(id);
  const valid = Number.isInteger(projectId) && projectId > 0;
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as TabKey) : 'overview';
  const [editing, setEditing] = useState(false);

  const project = useQuery({ queryKey: ['projects', 'detail', projectId], queryFn: () => api.projects.get(projectId), enabled: valid });
  const history = useQuery({
    queryKey: ['projects', 'history', projectId],
    queryFn: () => api.projects.history(projectId),
    enabled: valid && tab === 'history',
  });

  if (!valid) return <NotFoundPage />;
  if (project.error && !project.data) return <LoadError error={project.error} onRetry={() => void project.refetch()} />;
  if (!project.data) return <FullPageSpin />;
  const p = project.data;

  return (
    <PageContainer
      title={p.name}
      extra={
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/projects')}>
            {t('projects.back')}
          </Button>
          {can('project.manage') ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
          <ProjectStageTag stage={p.stage} />
          {p.code ? <Typography.Text code>{p.code}</Typography.Text> : null}
          <Typography.Text type="secondary">
            {t('projectField.version')} {p.version} · {t('common.updatedAt')} {formatDateTime(p.updatedAt)}
          </Typography.Text>
        </Flex>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearch(key === 'overview' ? {} : { tab: key }, { replace: true })}
          data-testid="project-tabs"
          items={[
            { key: 'overview', label: t('projectDetail.overview'), children: <Overview project={p} /> },
            { key: 'milestones', label: t('projectDetail.milestones'), children: <Milestones project={p} /> },
            { key: 'plans', label: t('projectDetail.plans'), children: <Plans project={p} /> },
            { key: 'feedback', label: t('projectDetail.feedback'), children: <FeedbackTimeline projectId={p.id} /> },
            { key: 'location', label: t('projectDetail.location'), children: <Location project={p} /> },
            { key: 'deals', label: `${t('projectDetail.deals')} (${p.linkedDeals.length})`, children: <LinkedDeals project={p} /> },
            {
              key: 'history',
              label: t('projectDetail.history'),
              children: history.error ? (
                <LoadError error={history.error} onRetry={() => void history.refetch()} />
              ) : (
                <History project={p} items={history.data?.items} loading={history.isPending} />
              ),
            },
          ]}
        />
      </Card>
      {editing ? (
        <ProjectFormDrawer
          projectId={p.id}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            queryClient.setQueryData(['projects', 'detail', p.id], saved);
            void queryClient.invalidateQueries({ queryKey: ['projects'] });
          }}
        />
      ) : null}
    </PageContainer>
  );
}

function Overview({ project: p }: { project: Project }) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const industries = useIndustries();
  const settings = useRegistrySettings();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        data-testid="project-overview"
        items={[
          { key: 'name', label: t('projectField.name'), children: p.name, span: 'filled' },
          {
            key: 'code',
            label: t('projectField.code'),
            children: p.code ? (
              <Space>
                <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                  {p.code}
                </Typography.Text>
                {p.codeGeneration ? <Tag>{t(`codeGeneration.${p.codeGeneration}`)}</Tag> : null}
              </Space>
            ) : (
              '—'
            ),
          },
          { key: 'stage', label: t('projectField.stage'), children: <ProjectStageTag stage={p.stage} /> },
          { key: 'category', label: t('projectField.category'), children: codeLabel('projectCategory', p.category, locale) },
          { key: 'level', label: t('projectField.level'), children: codeLabel('projectLevel', p.level, locale) },
          { key: 'kind', label: t('projectField.kind'), children: codeLabel('projectKind', p.kind, locale) },
          { key: 'industry', label: t('projectField.industryCode'), children: industryLabel(p.industryCode, industries.data, locale) },
          {
            key: 'chain',
            label: t('projectField.industryChain'),
            children: entryName(settings.data?.industryChains, p.industryChain, locale),
          },
          { key: 'total', label: t('projectField.totalInvestment'), children: formatMoneyLong(p.totalInvestment, locale) },
          { key: 'start', label: t('projectField.plannedStartOn'), children: p.plannedStartOn ?? '—' },
          { key: 'end', label: t('projectField.plannedEndOn'), children: p.plannedEndOn ?? '—' },
          { key: 'unit', label: t('projectField.unitId'), children: unitOf(p.unitId, p.unitName) },
          { key: 'park', label: t('projectField.parkId'), children: p.parkId ? unitOf(p.parkId, p.parkName) : '—' },
          {
            key: 'owner',
            label: t('projectField.owner'),
            children: p.ownerName ? (
              <span>
                {p.ownerName}
                {p.ownerUscc ? (
                  <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                    {' '}
                    {p.ownerUscc}
                  </Typography.Text>
                ) : null}
              </span>
            ) : (
              '—'
            ),
          },
          {
            key: 'responsible',
            label: t('projectField.responsibleUnitId'),
            children: p.responsibleUnitId ? unitOf(p.responsibleUnitId, p.responsibleUnitName) : '—',
          },
          { key: 'leader', label: t('projectField.liaisonLeaderUserId'), children: p.liaisonLeaderName ?? '—' },
          { key: 'created', label: t('projectField.createdAt'), children: formatDateTime(p.createdAt) },
          {
            key: 'description',
            label: t('projectField.description'),
            span: 'filled',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description ?? '—'}</span>,
          },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('projectField.taskForce')}</Typography.Title>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={p.taskForce.map((member, index) => ({ ...member, key: index }))}
          locale={{ emptyText: <Empty description={t('projectDetail.noTaskForce')} /> }}
          columns={[
            { title: t('projectDetail.taskForceName'), dataIndex: 'name' },
            { title: t('projectDetail.taskForceRole'), dataIndex: 'role' },
            { title: t('projectDetail.taskForcePhone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </div>
    </Space>
  );
}

const STATUS_COLORS = { done: 'green', doneLate: 'orange', overdue: 'red', planned: 'blue', unplanned: 'gray' } as const;

function Milestones({ project }: { project: Project }) {
  const { t } = useT();
  const today = shanghaiDate(new Date());
  const views = milestoneViews(project.milestones, today);
  if (project.milestones.length === 0) return <Empty description={t('projectDetail.noMilestones')} />;
  const statusText = (view: (typeof views)[number]) =>
    view.status === 'doneLate' || view.status === 'overdue'
      ? t(`milestone.status.${view.status}`, { days: view.daysLate })
      : t(`milestone.status.${view.status}`);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Steps
        size="small"
        responsive
        current={Math.max(
          0,
          views.findLastIndex((view) => view.actualOn !== null),
        )}
        items={views.map((view) => ({
          title: t(`milestone.${view.kind}`),
          status: view.status === 'overdue' ? 'error' : view.actualOn ? 'finish' : 'wait',
          content: view.actualOn ?? view.plannedOn ?? '—',
        }))}
      />
      <Timeline
        data-testid="project-milestones"
        items={views.map((view) => ({
          color: STATUS_COLORS[view.status],
          content: (
            <div data-testid={`milestone-${view.kind}`} data-status={view.status}>
              <Typography.Text strong>{t(`milestone.${view.kind}`)}</Typography.Text>{' '}
              <Tag color={STATUS_COLORS[view.status] === 'gray' ? undefined : STATUS_COLORS[view.status]}>{statusText(view)}</Tag>
              <div>
                <Typography.Text type={view.status === 'overdue' ? 'danger' : 'secondary'} strong={view.status === 'overdue'}>
                  {t('milestone.plannedOn')} {view.plannedOn ?? '—'}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {' · '}
                  {t('milestone.actualOn')} {view.actualOn ?? '—'}
                </Typography.Text>
              </div>
            </div>
          ),
        }))}
      />
    </Space>
  );
}

function Plans({ project }: { project: Project }) {
  const { t } = useT();
  if (project.annualPlans.length === 0) return <Empty description={t('projectDetail.noPlans')} />;
  const months = Array.from({ length: 12 }, (_, i) => i);
  return (
    <Table
      data-testid="project-plans"
      size="small"
      rowKey="year"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={[...project.annualPlans].sort((a, b) => b.year - a.year)}
      columns={[
        { title: t('projectDetail.year'), dataIndex: 'year', fixed: 'left', width: 80 },
        { title: t('projectDetail.planned'), dataIndex: 'plannedInvestment', align: 'right', render: (v: string) => formatAmount(v) },
        ...months.map((month) => ({
          title: t('projectDetail.month', { month: month + 1 }),
          key: `m${month}`,
          align: 'right' as const,
          render: (_: unknown, plan: Project['annualPlans'][number]) => (plan.monthly ? formatAmount(plan.monthly[month]) : ''),
        })),
        {
          title: t('projectDetail.monthSum'),
          key: 'sum',
          align: 'right',
          render: (_, plan) => {
            if (!plan.monthly) return <Typography.Text type="secondary">{t('projectDetail.noMonthly')}</Typography.Text>;
            const { sum } = sumAmounts(plan.monthly);
            return (
              <Typography.Text type={differenceOf(sum, plan.plannedInvestment) === '0' ? undefined : 'danger'}>
                {formatAmount(sum)}
              </Typography.Text>
            );
          },
        },
      ]}
    />
  );
}

function Location({ project }: { project: Project }) {
  const session = useSession();
  return <ProjectPosition cityCode={session.user.cityCode} latitude={project.latitude} longitude={project.longitude} />;
}

function LinkedDeals({ project }: { project: Project }) {
  const { t, locale } = useT();
  const can = useCan();
  return (
    <Table
      data-testid="project-deals"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={project.linkedDeals}
      locale={{ emptyText: <Empty description={t('projectDetail.noDeals')} /> }}
      columns={[
        {
          title: t('dealField.projectName'),
          dataIndex: 'projectName',
          render: (name: string, deal) => (can('deal.read') ? <Link to={`/deals/${deal.id}`}>{name}</Link> : name),
        },
        { title: t('dealField.investorName'), dataIndex: 'investorName' },
        {
          title: t('dealField.contractedAmount'),
          dataIndex: 'contractedAmount',
          align: 'right',
          render: (v: string) => formatMoney(v, locale),
        },
        { title: t('dealField.stage'), dataIndex: 'stage', render: (stage: string) => <DealStageTag stage={stage} /> },
        { title: t('dealField.signedOn'), dataIndex: 'signedOn' },
      ]}
    />
  );
}

function History({
  project,
  items,
  loading,
}: {
  project: Project;
  items: Awaited<ReturnType<typeof api.projects.history>>['items'] | undefined;
  loading: boolean;
}) {
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const leaders = useLeaders();
  const industries = useIndustries();
  const settings = useRegistrySettings();
  if (loading) return <FullPageSpin />;
  if (!items || items.length === 0) return <Empty description={t('history.empty')} />;
  const names = {
    unit: (id: number) => unitOf(id),
    leader: (id: number) => leaders.data?.items.find((leader) => leader.id === id)?.displayName ?? `#${id}`,
    industry: (code: string) => industryLabel(code, industries.data, locale),
    chain: (key: string) => entryName(settings.data?.industryChains, key, locale),
    // Only the current owner's name is at hand; earlier owners show by their number.
    enterprise: (id: number) => (id === project.ownerEnterpriseId && project.ownerName ? project.ownerName : `#${id}`),
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="project-history">
      {[...items]
        .sort((a, b) => b.version - a.version)
        .map((revision) => (
          <Card
            key={revision.version}
            size="small"
            title={
              <Space wrap>
                <span>{t('history.version', { version: revision.version })}</span>
                <Tag color={revision.source === 'form' ? 'blue' : revision.source === 'import' ? 'cyan' : 'purple'}>
                  {t(`history.source.${revision.source}`)}
                </Tag>
                <Typography.Text type="secondary">
                  {t('history.by', { name: revision.actorName ?? '—', time: formatDateTime(revision.changedAt) })}
                </Typography.Text>
              </Space>
            }
          >
            <Table
              size="small"
              rowKey="field"
              pagination={false}
              dataSource={orderedChanges(revision.changes)}
              columns={[
                { title: t('history.field'), dataIndex: 'field', width: 160, render: (field: string) => historyFieldLabel(field, locale) },
                {
                  title: t('history.before'),
                  key: 'before',
                  render: (_, change) => (
                    <Typography.Text type="secondary" delete={change.before !== null} style={{ whiteSpace: 'pre-wrap' }}>
                      {formatHistoryValue(change.field, change.before, locale, names)}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('history.after'),
                  key: 'after',
                  render: (_, change) => (
                    <span style={{ whiteSpace: 'pre-wrap' }}>{formatHistoryValue(change.field, change.after, locale, names)}</span>
                  ),
                },
              ]}
            />
          </Card>
        ))}
    </Space>
  );
}
