import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type CompetitionScheme, type CompetitionStatus, shanghaiDate } from '../../../../src/contracts/index.js';
import { useCan } from '../../app/session';
import { LoadError } from '../../components/LoadError';
import { PageContainer } from '../../components/PageContainer';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { competitionApi } from './competition-api';
import { formatNumber, yearOptions } from './competition';
import { SchemeStatusTag } from './labels';
import { SchemeDrawer } from './SchemeDrawer';

/**
 * 争先创优: the yearly schemes (one a year), newest first. The operator creates a year's scheme
 * from the default indicator system in the drawer, edits it as a draft and activates it.
 */
export default function SchemesPage() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const yearParam = Number(search.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : undefined;
  const [creating, setCreating] = useState(false);

  const schemes = useQuery({
    queryKey: ['competition', 'schemes', year ?? null],
    queryFn: () => competitionApi.schemes(year),
    placeholderData: keepPreviousData,
  });
  if (schemes.error && !schemes.data) return <LoadError error={schemes.error} onRetry={() => void schemes.refetch()} />;
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));

  return (
    <PageContainer
      title={t('competition.title')}
      extra={
        can('competition.manage') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="scheme-create">
            {t('competition.create')}
          </Button>
        ) : null
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<number>
          allowClear
          style={{ width: 140 }}
          placeholder={t('competition.allYears')}
          value={year}
          onChange={(next) => setSearch(next ? { year: String(next) } : {})}
          options={yearOptions(thisYear).map((y) => ({ value: y, label: t('competition.yearOnly', { year: y }) }))}
          data-testid="scheme-filter-year"
        />
      </Flex>
      <Table<CompetitionScheme>
        data-testid="scheme-table"
        rowKey="id"
        size="middle"
        loading={schemes.isFetching}
        dataSource={schemes.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty description={year ? t('competition.noneForYear', { year }) : t('competition.none')} data-testid="scheme-empty">
              {can('competition.manage') ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('competition.create')}
                </Button>
              ) : null}
            </Empty>
          ),
        }}
        columns={[
          { title: t('competition.year'), dataIndex: 'year', width: 96 },
          {
            title: t('competition.schemeTitle'),
            dataIndex: 'title',
            render: (title: string, scheme) => (
              <Link to={`/competition/${scheme.id}`} data-testid={`scheme-link-${scheme.id}`}>
                {title}
              </Link>
            ),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (status: CompetitionStatus) => <SchemeStatusTag status={status} />,
          },
          {
            title: t('competition.fullPoints'),
            dataIndex: 'fullPoints',
            align: 'right',
            render: (points: number) => formatNumber(points, 2),
          },
          {
            title: t('competition.bands'),
            key: 'bands',
            render: (_, scheme) => t('competition.bandsText', { reward: scheme.rewardCount, warning: scheme.warningCount }),
          },
          {
            title: t('competition.publication'),
            key: 'publication',
            render: (_, scheme) => (
              <Flex wrap gap={4} data-testid={`scheme-publication-${scheme.id}`}>
                {scheme.publishedPeriods.map((period) => (
                  <Tag key={period} color="green">
                    {t(`competition.period.${period}`)}
                  </Tag>
                ))}
                {scheme.periodsToPublish.map((period) => (
                  <Tag key={period} color="orange" data-testid={`to-publish-${scheme.id}-${period}`}>
                    {t('competition.toPublish', { period: t(`competition.period.${period}`) })}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => formatDateTime(at) },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 80,
            render: (_, scheme) => <Link to={`/competition/${scheme.id}`}>{t('competition.view')}</Link>,
          },
        ]}
      />
      {creating ? (
        <SchemeDrawer
          onClose={() => setCreating(false)}
          onSaved={(scheme) => {
            setCreating(false);
            navigate(`/competition/${scheme.id}`);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
