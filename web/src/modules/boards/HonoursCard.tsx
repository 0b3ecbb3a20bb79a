import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Boards, HonourEntry } from '../../../../src/contracts/index.js';
import { api } from '../../api/endpoints';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n';
import { lightsUrl } from '../monitoring/monitoring-query';
import { useUnitLabel } from '../projects/shared/hooks';
import { formatAmount } from '../projects/shared/money';
import { lastDayOf } from '../reports/month';

const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);

/**
 * 红黄榜 of a month (PRODUCT §2.4): published, the lists frozen with the boards as the lights
 * stood on the month's last day; a preview links to today's lists on the lights page.
 */
export function HonoursCard({ data }: { data: Boards }) {
  const { t } = useT();
  const lights = (honour: 'red' | 'yellow') => lightsUrl({ year: Number(data.month.slice(0, 4)), asOf: lastDayOf(data.month), honour });
  if (!data.honours) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        data-testid="honours-none"
        title={t('boards.honours')}
        description={
          <>
            {data.isPublished ? t('boards.honoursNotFrozen') : t('boards.honoursPreview')}{' '}
            <Link to={lights('red')}>{t('lights.honour-red')}</Link> · <Link to={lights('yellow')}>{t('lights.honour-yellow')}</Link>
          </>
        }
      />
    );
  }
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t('boards.honours')} data-testid="boards-honours">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('boards.honoursHint', { day: lastDayOf(data.month) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {(['red', 'yellow'] as const).map((list) => (
          <Col xs={24} xl={12} key={list}>
            <HonourTable month={data.month} list={list} count={data.honours![list]} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

const PAGE_SIZE = 10;

/** One list, page by page from the server (a city's list can run to thousands). */
function HonourTable({ month, list, count }: { month: string; list: 'red' | 'yellow'; count: number }) {
  const { t } = useT();
  const unitOf = useUnitLabel();
  const [page, setPage] = useState(1);
  const rows = useQuery({
    queryKey: ['boards', month, 'honours', list, page],
    queryFn: () => api.boards.honours({ month, list, page, pageSize: PAGE_SIZE }),
    enabled: count > 0,
  });
  if (rows.error && !rows.data) return <LoadError error={rows.error} onRetry={() => void rows.refetch()} />;
  return (
    <Table<HonourEntry>
      rowKey="projectId"
      size="small"
      data-testid={`honours-${list}`}
      loading={rows.isFetching}
      title={() => (
        <Tag color={list === 'red' ? 'red' : 'gold'}>
          {t(`lights.honour-${list}`)} · {t('boards.honourCount', { count })}
        </Tag>
      )}
      pagination={
        count > PAGE_SIZE
          ? { current: page, pageSize: PAGE_SIZE, total: count, size: 'small', showSizeChanger: false, onChange: setPage }
          : false
      }
      dataSource={count > 0 ? (rows.data?.items ?? []) : []}
      locale={{ emptyText: <Empty description={t('boards.honoursEmpty')} /> }}
      columns={[
        { title: t('boards.rank'), key: 'position', width: 56, render: (_, __, index) => (page - 1) * PAGE_SIZE + index + 1 },
        {
          title: t('boards.honourProject'),
          dataIndex: 'projectName',
          render: (name: string, row) => <Link to={`/projects/${row.projectId}`}>{name}</Link>,
        },
        { title: t('boards.unit'), key: 'unit', ellipsis: true, render: (_, row) => unitOf(row.unitId, row.unitName) },
        {
          title: t('boards.honourDone'),
          key: 'done',
          align: 'right',
          render: (_, row) => <span title={`${formatAmount(row.ytd)} / ${formatAmount(row.dueByNow)}`}>{percent(row.ratio)}</span>,
        },
        ...(list === 'yellow'
          ? [
              {
                title: t('boards.honourReasons'),
                key: 'reasons',
                render: (_: unknown, row: HonourEntry) => row.reasons.join(t('common.clauseSeparator')),
              },
            ]
          : []),
      ]}
    />
  );
}
