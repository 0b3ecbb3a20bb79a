import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { type CompetitionPeriod, type CompetitionScheme, shanghaiDate } from '../../../../src/contracts/index.js';
import { useCan } from '../../app/session';
import { NotFoundPage } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { AdjustmentsTab } from './AdjustmentsTab';
import { competitionApi } from './competition-api';
import { defaultPeriod, formatNumber, hasStarted, periodFromSearch } from './competition';
import { EntriesTab } from './EntriesTab';
import { IndicatorsTab } from './IndicatorsTab';
import { SchemeStatusTag } from './labels';
import { ResultsTab } from './ResultsTab';
import { SchemeDrawer } from './SchemeDrawer';
import { schemeKey } from './use-competition';

const TABS = ['results', 'indicators', 'entries', 'adjustments'] as const;
type TabKey = (typeof TABS)[number];

/**
 * 考评方案: the scheme's results per period (every score opening to its formula and its source),
 * its indicator system (edited, activated or deleted while a draft), the values entered with
 * evidence and the bonus and penalty items. The tab and the period live in the URL.
 */
export default function SchemePage() {
  const { id } = useParams();
  const schemeId = Number(id);
  const valid = Number.isInteger(schemeId) && schemeId > 0;
  const { t } = useT();
  const can = useCan();
  const canManage = can('competition.manage');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const [editing, setEditing] = useState(false);

  const key = schemeKey(schemeId);
  const scheme = useQuery({ queryKey: key, queryFn: () => competitionApi.scheme(schemeId), enabled: valid });
  /** A changed scheme: its own answer replaces the cached one, the rest about it is asked again. */
  const saved = (next: CompetitionScheme) => {
    queryClient.setQueryData(key, next);
    void queryClient.invalidateQueries({ queryKey: key, predicate: (query) => query.queryKey.length > key.length });
    void queryClient.invalidateQueries({ queryKey: ['competition', 'schemes'] });
  };

  if (!valid) return <NotFoundPage />;
  if (scheme.error && !scheme.data) return <LoadError error={scheme.error} onRetry={() => void scheme.refetch()} />;
  if (!scheme.data) return <FullPageSpin />;
  const sc = scheme.data;

  const today = shanghaiDate(new Date());
  const tabParam = search.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '')
    ? (tabParam as TabKey)
    : sc.status === 'draft'
      ? 'indicators'
      : 'results';
  const asked = periodFromSearch(search.get('period'));
  const period: CompetitionPeriod = asked && hasStarted(sc.year, asked, today) ? asked : defaultPeriod(sc.year, today);
  const go = (next: { tab?: TabKey; period?: CompetitionPeriod }) =>
    setSearch({ tab: next.tab ?? tab, period: next.period ?? period }, { replace: true });

  const tabProps = { scheme: sc, period, onPeriod: (p: CompetitionPeriod) => go({ period: p }) };

  return (
    <PageContainer
      title={sc.title}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/competition')}>
          {t('competition.back')}
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          data-testid="scheme-overview"
          items={[
            { key: 'status', label: t('common.status'), children: <SchemeStatusTag status={sc.status} /> },
            { key: 'year', label: t('competition.year'), children: t('competition.yearOnly', { year: sc.year }) },
            {
              key: 'fullPoints',
              label: t('competition.fullPoints'),
              children: <span data-testid="scheme-full-points">{formatNumber(sc.fullPoints, 2)}</span>,
            },
            {
              key: 'bands',
              label: t('competition.bands'),
              children: t('competition.bandsText', { reward: sc.rewardCount, warning: sc.warningCount }),
            },
            ...(sc.activatedAt
              ? [{ key: 'activatedAt', label: t('competition.activatedAt'), children: formatDateTime(sc.activatedAt) }]
              : []),
            { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(sc.updatedAt) },
          ]}
        />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(next) => go({ tab: next as TabKey })}
        data-testid="scheme-tabs"
        destroyOnHidden
        items={[
          {
            key: 'results',
            label: <span data-testid="tab-results">{t('competition.tab.results')}</span>,
            children: <ResultsTab {...tabProps} canManage={canManage} onOpenEntries={() => go({ tab: 'entries' })} />,
          },
          {
            key: 'indicators',
            label: <span data-testid="tab-indicators">{t('competition.tab.indicators')}</span>,
            children: (
              <IndicatorsTab
                scheme={sc}
                canManage={canManage}
                onEdit={() => setEditing(true)}
                onSaved={saved}
                onConflict={() => void scheme.refetch()}
                onDeleted={() => {
                  queryClient.removeQueries({ queryKey: key });
                  void queryClient.invalidateQueries({ queryKey: ['competition', 'schemes'] });
                  navigate('/competition');
                }}
              />
            ),
          },
          {
            key: 'entries',
            label: <span data-testid="tab-entries">{t('competition.tab.entries')}</span>,
            children: <EntriesTab {...tabProps} canEdit={canManage && sc.status === 'active'} canManage={canManage} />,
          },
          {
            key: 'adjustments',
            label: <span data-testid="tab-adjustments">{t('competition.tab.adjustments')}</span>,
            children: <AdjustmentsTab {...tabProps} canEdit={canManage && sc.status === 'active'} canManage={canManage} />,
          },
        ]}
      />
      {editing ? (
        <SchemeDrawer
          scheme={sc}
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
