import { ArrowLeftOutlined, EditOutlined, NodeIndexOutlined, SafetyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { codeLabel, type Deal } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { useCan } from '../../app/session';
import { NotFoundPage } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { DealStageTag } from '../projects/labels';
import { entryName, useIndustries, useRegistrySettings, useUnitLabel } from '../projects/shared/hooks';
import { industryLabel } from '../projects/shared/industry';
import { formatMoney } from '../projects/shared/money';
import { DuplicateBadge, LateFilingBadge, ThreeQuantityList, ThreeQuantityScore } from './badges';
import { DealFormDrawer } from './DealFormDrawer';
import { DuplicateGroupCard } from './DuplicateGroupCard';
import { DEALS_KEY } from './options';
import { SettleDuplicateModal } from './SettleDuplicateModal';
import { TransitionModal } from './TransitionModal';

type Dialog = 'edit' | 'transition' | 'settle' | null;

/** One filed deal: the filing, its 三量 check, the stage history and the actions on it. */
export default function DealDetailPage() {
  const { id } = useParams();
  const dealId = Number(id);
  const valid = Number.isInteger(dealId) && dealId > 0;
  const { t, locale } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const unitOf = useUnitLabel();
  const industries = useIndustries();
  const settings = useRegistrySettings();

  const deal = useQuery({ queryKey: [...DEALS_KEY, 'detail', dealId], queryFn: () => api.deals.get(dealId), enabled: valid });
  const history = useQuery({ queryKey: [...DEALS_KEY, 'history', dealId], queryFn: () => api.deals.history(dealId), enabled: valid });

  if (!valid) return <NotFoundPage />;
  if (deal.error && !deal.data) return <LoadError error={deal.error} onRetry={() => void deal.refetch()} />;
  if (!deal.data) return <FullPageSpin />;
  const d = deal.data;

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: DEALS_KEY });
  };
  const saved = (next: Deal) => {
    setDialog(null);
    queryClient.setQueryData([...DEALS_KEY, 'detail', dealId], next);
    reload();
  };

  return (
    <PageContainer
      title={d.projectName}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            {t('deals.back')}
          </Button>
          {can('deal.manage') ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="deal-edit">
                {t('common.edit')}
              </Button>
              <Button
                type="primary"
                icon={<NodeIndexOutlined />}
                disabled={d.stage === 'terminated'}
                onClick={() => setDialog('transition')}
                data-testid="deal-transition"
              >
                {t('transition.button')}
              </Button>
            </>
          ) : null}
          {can('deal.settle') && d.duplicateStatus === 'flagged' ? (
            <Button danger icon={<SafetyOutlined />} onClick={() => setDialog('settle')} data-testid="deal-settle">
              {t('settle.button')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <DealStageTag stage={d.stage} />
        <LateFilingBadge deal={d} />
        <DuplicateBadge status={d.duplicateStatus} />
        <ThreeQuantityScore value={d.threeQuantities} />
        {d.projectId ? (
          <Link to={`/projects/${d.projectId}`} data-testid="deal-project-link">
            {t('deals.linkedProject', { id: d.projectId })}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('deals.noProject')}</Typography.Text>
        )}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('deals.filing')}>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              data-testid="deal-descriptions"
              items={[
                { key: 'name', label: t('dealField.projectName'), children: d.projectName, span: 'filled' },
                { key: 'investor', label: t('dealField.investorName'), children: d.investorName },
                {
                  key: 'uscc',
                  label: t('dealField.investorUscc'),
                  children: d.investorUscc ? (
                    <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                      {d.investorUscc}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
                },
                { key: 'unit', label: t('dealField.unitId'), children: unitOf(d.unitId, d.unitName) },
                {
                  key: 'kind',
                  label: t('dealField.kind'),
                  children: (
                    <Space size={4}>
                      {codeLabel('dealKind', d.kind, locale)}
                      {d.predecessorDealId ? (
                        <Link to={`/deals/${d.predecessorDealId}`}>{t('deals.predecessorLink', { id: d.predecessorDealId })}</Link>
                      ) : null}
                    </Space>
                  ),
                },
                { key: 'amount', label: t('dealField.contractedAmount'), children: formatMoney(d.contractedAmount, locale, 'wan') },
                { key: 'counted', label: t('dealField.countedAmount'), children: formatMoney(d.countedAmount, locale, 'wan') },
                { key: 'industry', label: t('dealField.industryCode'), children: industryLabel(d.industryCode, industries.data, locale) },
                { key: 'source', label: t('dealField.source'), children: entryName(settings.data?.dealSources, d.source, locale) },
                { key: 'signed', label: t('dealField.signedOn'), children: d.signedOn },
                {
                  key: 'filed',
                  label: t('dealField.filedOn'),
                  children: (
                    <Space size={4}>
                      {d.filedOn}
                      {d.isLateFiling ? (
                        <LateFilingBadge deal={d} />
                      ) : (
                        <Typography.Text type="secondary">{t('deals.delayDays', { days: d.filingDelayDays })}</Typography.Text>
                      )}
                    </Space>
                  ),
                },
                { key: 'stageOn', label: t('dealField.stageOn'), children: d.stageOn },
                { key: 'stageReason', label: t('dealField.stageReason'), children: d.stageReason ?? '—' },
                { key: 'registration', label: t('dealField.registrationDeadline'), children: d.registrationDeadline ?? '—' },
                { key: 'start', label: t('dealField.startDeadline'), children: d.startDeadline ?? '—' },
                { key: 'production', label: t('dealField.productionDeadline'), children: d.productionDeadline ?? '—' },
                {
                  key: 'duplicate',
                  label: t('dealField.duplicateStatus'),
                  children:
                    d.duplicateStatus === 'excluded' && d.duplicateOfDealId ? (
                      <Link to={`/deals/${d.duplicateOfDealId}`}>{t('deals.duplicateOf', { id: d.duplicateOfDealId })}</Link>
                    ) : (
                      t(`duplicate.${d.duplicateStatus}`)
                    ),
                },
                { key: 'scan', label: t('deals.scan'), children: d.hasContractScan ? t('deals.scanYes') : t('deals.scanNo') },
                { key: 'created', label: t('dealField.createdAt'), children: formatDateTime(d.createdAt) },
                {
                  key: 'note',
                  label: t('dealField.note'),
                  span: 'filled',
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.note ?? '—'}</span>,
                },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('dealField.capitalSchedule')}
            </Typography.Title>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={d.capitalSchedule.map((item, index) => ({ ...item, key: index }))}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                { title: t('dealField.capitalDueOn'), dataIndex: 'dueOn' },
                {
                  title: t('dealField.capitalAmount'),
                  dataIndex: 'amount',
                  align: 'right',
                  render: (v: string) => formatMoney(v, locale, 'wan'),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('tq.title')} extra={<ThreeQuantityScore value={d.threeQuantities} />}>
              <ThreeQuantityList value={d.threeQuantities} />
              <Descriptions
                size="small"
                column={1}
                style={{ marginTop: 12 }}
                items={[
                  { key: 'ht', label: t('dealField.isHighTech'), children: d.isHighTech ? t('common.yes') : t('common.no') },
                  {
                    key: 'se',
                    label: t('dealField.isStrategicEmerging'),
                    children: d.isStrategicEmerging ? t('common.yes') : t('common.no'),
                  },
                  { key: 'rd', label: t('dealField.plannedRdAmount'), children: d.plannedRdAmount ?? '—' },
                  { key: 'tce', label: t('dealField.plannedEnergyTce'), children: d.plannedEnergyTce ?? '—' },
                  { key: 'output', label: t('dealField.plannedAnnualOutput'), children: d.plannedAnnualOutput ?? '—' },
                  { key: 'tax', label: t('dealField.expectedAnnualTax'), children: d.expectedAnnualTax ?? '—' },
                  { key: 'land', label: t('dealField.landAreaMu'), children: d.landAreaMu ?? '—' },
                ]}
              />
            </Card>
            {d.duplicateStatus !== 'none' ? <DuplicateGroupCard deal={d} /> : null}
            <Card title={t('deals.history')}>
              {history.error ? (
                <LoadError error={history.error} onRetry={() => void history.refetch()} />
              ) : !history.data ? (
                <FullPageSpin />
              ) : history.data.items.length === 0 ? (
                <Empty description={t('deals.noHistory')} />
              ) : (
                <Timeline
                  data-testid="deal-history"
                  items={[...history.data.items].reverse().map((event) => ({
                    color: event.toStage === 'terminated' ? 'red' : event.toStage === 'stalled' ? 'orange' : 'blue',
                    content: (
                      <div>
                        <Space size={4} wrap>
                          <Typography.Text strong>{event.occurredOn}</Typography.Text>
                          {event.fromStage ? (
                            <>
                              <DealStageTag stage={event.fromStage} />→
                            </>
                          ) : null}
                          <DealStageTag stage={event.toStage} />
                        </Space>
                        {event.reason ? <div>{t('deals.historyReason', { reason: event.reason })}</div> : null}
                        {event.evidence ? <div>{t('deals.historyEvidence', { evidence: event.evidence })}</div> : null}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('deals.historyBy', { name: event.actorName ?? '—', time: formatDateTime(event.recordedAt) })}
                        </Typography.Text>
                      </div>
                    ),
                  }))}
                />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
      {dialog === 'edit' ? <DealFormDrawer deal={d} onClose={() => setDialog(null)} onSaved={saved} /> : null}
      {dialog === 'transition' ? (
        <TransitionModal
          deal={d}
          history={history.data?.items ?? []}
          onClose={() => setDialog(null)}
          onDone={saved}
          onConflict={() => {
            setDialog(null);
            reload();
          }}
        />
      ) : null}
      {dialog === 'settle' ? <SettleDuplicateModal deal={d} onClose={() => setDialog(null)} onDone={saved} /> : null}
    </PageContainer>
  );
}
