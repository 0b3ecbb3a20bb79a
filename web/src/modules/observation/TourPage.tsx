import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Descriptions, Empty, Progress, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Tour, TourJudge, TourSite } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useFeedback } from '../../api/feedback-provider';
import { useCan } from '../../app/session';
import { NotFoundPage } from '../../components/ErrorResult';
import { ExportButton } from '../../components/ExportButton';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { useUnitLabel } from '../projects/shared/hooks';
import { PeriodText, TourStatusTag } from './labels';
import { ResultsTab } from './ResultsTab';
import { ScoreCards } from './ScoreCards';
import { SitePhotos } from './SitePhotos';
import { criterionName, percentOf, tourProgress } from './tour-form';
import { TourDrawer } from './TourDrawer';

type TabKey = 'sites' | 'judges' | 'mine' | 'results';

/**
 * 观摩详情: the tour's criteria, sites and judges; the operator edits, deletes, opens and closes
 * it; a judge scores the sites on the 我的评分 tab (the first tab while scoring); the results
 * (units ranked, each site with its judges' totals) once closed, for the operator at any time.
 */
export default function TourPage() {
  const { id } = useParams();
  const tourId = Number(id);
  const valid = Number.isInteger(tourId) && tourId > 0;
  const { t, locale } = useT();
  const unitOf = useUnitLabel();
  const can = useCan();
  const canManage = can('observation.manage');
  const navigate = useNavigate();
  const feedback = useFeedback();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<TabKey | null>(null);

  const key = ['observation', 'detail', tourId];
  const tour = useQuery({ queryKey: key, queryFn: () => api.observation.get(tourId), enabled: valid });
  const saved = (next: Tour) => {
    queryClient.setQueryData(key, next);
    void queryClient.invalidateQueries({ queryKey: ['observation', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['observation', 'results', tourId] });
  };
  const transition = useMutation({
    mutationFn: ({ to, version }: { to: 'open' | 'close'; version: number }) => api.observation.transition(tourId, to, version),
    onSuccess: (next, { to }) => {
      message.success(t(to === 'open' ? 'observation.opened' : 'observation.closed'));
      saved(next);
      if (to === 'close' && next.canSeeResults) setTab('results');
    },
    onError: (error) => feedback(error, { onConflict: () => void tour.refetch() }),
  });
  const remove = useMutation({
    mutationFn: () => api.observation.remove(tourId),
    onSuccess: () => {
      message.success(t('observation.deleted'));
      queryClient.removeQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['observation', 'list'] });
      navigate('/observation');
    },
    onError: (error) => feedback(error),
  });

  if (!valid) return <NotFoundPage />;
  if (tour.error && !tour.data) return <LoadError error={tour.error} onRetry={() => void tour.refetch()} />;
  if (!tour.data) return <FullPageSpin />;
  const tr = tour.data;
  const progress = tourProgress(tr);
  const isDraft = tr.status === 'draft';
  const isScoring = tr.status === 'scoring';
  const defaultTab: TabKey = tr.isJudge && isScoring ? 'mine' : 'sites';
  const available: TabKey[] = [
    'sites',
    'judges',
    ...(tr.isJudge ? (['mine'] as const) : []),
    ...(tr.canSeeResults ? (['results'] as const) : []),
  ];
  const activeTab = tab && available.includes(tab) ? tab : defaultTab;

  const confirmDelete = () =>
    modal.confirm({
      title: t('observation.deleteConfirm', { title: tr.title }),
      okText: t('observation.delete'),
      okButtonProps: { danger: true, 'data-testid': 'tour-delete-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      // A refusal is shown by the mutation's feedback; the dialog closes either way.
      onOk: () => remove.mutateAsync().catch(() => undefined),
    });
  const confirmOpen = () =>
    modal.confirm({
      title: t('observation.openConfirm'),
      content: t('observation.openConfirmDetail', { sites: tr.sites.length, judges: tr.judges.length }),
      okText: t('observation.open'),
      okButtonProps: { 'data-testid': 'tour-open-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => transition.mutateAsync({ to: 'open', version: tr.version }).catch(() => undefined),
    });
  const confirmClose = () =>
    modal.confirm({
      title: t('observation.closeConfirm'),
      content: (
        <span data-testid="tour-close-progress">
          {t(progress.scored < progress.expected ? 'observation.closeConfirmMissing' : 'observation.closeConfirmDone', {
            scored: progress.scored,
            expected: progress.expected,
            missing: progress.expected - progress.scored,
          })}
        </span>
      ),
      okText: t('observation.close'),
      okButtonProps: { 'data-testid': 'tour-close-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => transition.mutateAsync({ to: 'close', version: tr.version }).catch(() => undefined),
    });

  const sites = [...tr.sites].sort((a, b) => a.position - b.position);

  return (
    <PageContainer
      title={tr.title}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/observation')}>
            {t('observation.back')}
          </Button>
          {canManage && isDraft ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="tour-edit">
              {t('observation.edit')}
            </Button>
          ) : null}
          {canManage && isDraft ? (
            <Button danger icon={<DeleteOutlined />} loading={remove.isPending} onClick={confirmDelete} data-testid="tour-delete">
              {t('observation.delete')}
            </Button>
          ) : null}
          {canManage && isDraft ? (
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={transition.isPending}
              onClick={confirmOpen}
              data-testid="tour-open"
            >
              {t('observation.open')}
            </Button>
          ) : null}
          {canManage && isScoring ? (
            <Button
              type="primary"
              danger
              icon={<StopOutlined />}
              loading={transition.isPending}
              onClick={confirmClose}
              data-testid="tour-close"
            >
              {t('observation.close')}
            </Button>
          ) : null}
          {tr.canSeeResults ? (
            <ExportButton
              run={() => api.observation.export(tr.id, t('observation.exportName', { title: tr.title }))}
              testId="tour-export"
            />
          ) : null}
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          data-testid="tour-overview"
          items={[
            { key: 'status', label: t('common.status'), children: <TourStatusTag status={tr.status} /> },
            { key: 'period', label: t('observation.period'), children: <PeriodText year={tr.year} quarter={tr.quarter} /> },
            { key: 'heldOn', label: t('observation.heldOn'), children: <span data-testid="tour-held-on-text">{tr.heldOn}</span> },
            {
              key: 'progress',
              label: t('observation.progress'),
              children: (
                <Progress
                  size="small"
                  style={{ minWidth: 140, margin: 0 }}
                  percent={percentOf(progress.scored, progress.expected)}
                  format={() => `${progress.scored}/${progress.expected}`}
                  data-testid="tour-progress"
                />
              ),
            },
            {
              key: 'criteria',
              label: t('observation.criteria'),
              span: 2,
              children: (
                <Space size={[4, 4]} wrap>
                  {tr.criteria.map((criterion) => (
                    <Tag key={criterion.key}>
                      {t('observation.criterionWithWeight', { name: criterionName(criterion, locale), weight: criterion.weight })}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            ...(tr.openedAt ? [{ key: 'openedAt', label: t('observation.openedAt'), children: formatDateTime(tr.openedAt) }] : []),
            ...(tr.closedAt ? [{ key: 'closedAt', label: t('observation.closedAt'), children: formatDateTime(tr.closedAt) }] : []),
          ]}
        />
      </Card>
      <Tabs
        activeKey={activeTab}
        onChange={(next) => setTab(next as TabKey)}
        data-testid="tour-tabs"
        items={[
          {
            key: 'sites',
            label: <span data-testid="tab-sites">{t('observation.tab.sites', { count: tr.sites.length })}</span>,
            children: (
              <Table<TourSite>
                data-testid="tour-sites-table"
                rowKey="projectId"
                size="small"
                dataSource={sites}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty description={t('observation.noSites')} /> }}
                columns={[
                  { title: '#', dataIndex: 'position', width: 48, render: (position: number) => position + 1 },
                  {
                    title: t('observation.project'),
                    dataIndex: 'projectName',
                    render: (name: string, site) => (
                      <Link to={`/projects/${site.projectId}`} data-testid={`site-link-${site.projectId}`}>
                        {name}
                      </Link>
                    ),
                  },
                  { title: t('observation.unit'), key: 'unit', render: (_, site) => unitOf(site.unitId, site.unitName) },
                  {
                    title: t('observation.scoredBy'),
                    dataIndex: 'scoredBy',
                    align: 'right',
                    render: (count: number, site) => (
                      <span data-testid={`site-scored-by-${site.projectId}`}>
                        {t('observation.scoredByCount', { count, judges: site.expectedBy })}
                      </span>
                    ),
                  },
                  {
                    title: t('observation.photos'),
                    key: 'photos',
                    render: (_, site) => <SitePhotos tour={tr} site={site} canAdd={canManage} onSaved={saved} size={48} />,
                  },
                ]}
              />
            ),
          },
          {
            key: 'judges',
            label: <span data-testid="tab-judges">{t('observation.tab.judges', { count: tr.judges.length })}</span>,
            children: (
              <Table<TourJudge>
                data-testid="tour-judges-table"
                rowKey="userId"
                size="small"
                dataSource={tr.judges}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty description={t('observation.noJudges')} /> }}
                columns={[
                  { title: t('observation.judgeName'), dataIndex: 'displayName' },
                  { title: t('observation.role'), dataIndex: 'role', render: (role: TourJudge['role']) => t(`role.${role}`) },
                  {
                    title: t('observation.unit'),
                    key: 'unit',
                    render: (_, judge) => (judge.scopeUnitId ? unitOf(judge.scopeUnitId, judge.scopeUnitName) : t('observation.cityWide')),
                  },
                  {
                    title: t('observation.judgeProgress'),
                    key: 'progress',
                    render: (_, judge) => (
                      <Typography.Text
                        type={judge.scored >= judge.toScore ? 'success' : 'secondary'}
                        data-testid={`judge-progress-${judge.userId}`}
                      >
                        {`${judge.scored}/${judge.toScore}`}
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            ),
          },
          ...(tr.isJudge
            ? [
                {
                  key: 'mine',
                  label: <span data-testid="tab-mine">{t('observation.tab.mine')}</span>,
                  children: <ScoreCards tour={tr} onSaved={saved} />,
                },
              ]
            : []),
          ...(tr.canSeeResults
            ? [
                {
                  key: 'results',
                  label: <span data-testid="tab-results">{t('observation.tab.results')}</span>,
                  children: <ResultsTab tour={tr} />,
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <TourDrawer
          tour={tr}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            saved(next);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
